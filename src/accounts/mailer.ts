/**
 * E-mail of accounts (issue 18): reset links, invitations, sign-up confirmations, through the SMTP server of
 * SMUP_SMTP_URL (nodemailer). Links point at SMUP_PUBLIC_URL, never at the Host header of the request
 * that asked for them (a forged Host would otherwise send a victim's reset link to another site).
 */
import type { Transporter } from 'nodemailer';

export interface Mailer {
  /** The site's address as people reach it, e.g. https://smup.example.gov.pl (no trailing slash). */
  readonly publicUrl: string;
  send(message: { to: string; subject: string; text: string }): Promise<void>;
}

export interface SmtpSettings {
  /** smtp://user:pass@host:587 or smtps://…; nodemailer's connection URL. */
  readonly url: string;
  /** The From address. */
  readonly from: string;
  readonly publicUrl: string;
}

export function smtpMailer(settings: SmtpSettings): Mailer {
  // nodemailer and the connection are made on the first message, not with the server: most starts send
  // none (reports/render.ts says why the libraries used rarely are loaded late).
  let transport: Promise<Transporter> | null = null;
  return {
    publicUrl: settings.publicUrl.replace(/\/+$/, ''),
    async send({ to, subject, text }) {
      transport ??= import('nodemailer').then(({ default: nodemailer }) =>
        nodemailer.createTransport(settings.url),
      );
      await (await transport).sendMail({ from: settings.from, to, subject, text });
    },
  };
}
