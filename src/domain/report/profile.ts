/**
 * The unit profile the diagnosis reads: the shape of the API's `GET /units/{teryt}/profile` answer
 * (api/schemas/profile.ts), written here as plain types so that domain/ stays free of the API layer. Only the
 * fields the diagnosis and the report read are listed; the API answer has more.
 */
export interface LabelText {
  readonly pl: string;
  readonly en: string;
}

export interface ProfileFlag {
  readonly id: number;
  readonly symbol: string;
  readonly label: LabelText;
}

export interface ProfileStatistics {
  readonly members: number;
  readonly countWithData: number;
  readonly median: number | null;
  readonly q1: number | null;
  readonly q3: number | null;
  readonly min: number | null;
  readonly max: number | null;
}

export interface ProfilePosition {
  readonly rank: number;
  readonly rankedCount: number;
  readonly percentile: number | null;
  readonly band: 'below_q1' | 'q1_to_q3' | 'above_q3';
  readonly positionClass: 'bottom25' | 'middle50' | 'top25' | 'neutral';
}

export interface ProfileChange {
  readonly years: number;
  readonly unitChange: number | null;
  readonly setMedianChange: number | null;
  readonly membersWithChange: number;
  readonly differenceFromSet: number | null;
  readonly assessment: 'better' | 'worse' | 'same' | 'neutral' | null;
}

export interface ProfileSet {
  readonly against: string;
  readonly label: LabelText;
  readonly year: number | null;
  readonly members: number;
  readonly includesUnit: boolean;
  readonly group: { readonly id: string; readonly label: LabelText; readonly rule: LabelText } | null;
  readonly message: LabelText | null;
}

export interface ProfileItem {
  readonly indicator: {
    readonly id: string;
    readonly name: LabelText;
    readonly area: string;
    readonly service: string;
    readonly dimension: string;
    readonly direction: string;
    readonly measureUnit: string;
    readonly decimals: number;
  };
  readonly year: number | null;
  readonly value: number | null;
  readonly flag: ProfileFlag | null;
  readonly reason: string | null;
  readonly detail: string | null;
  readonly set: ProfileSet | null;
  readonly statistics: ProfileStatistics | null;
  readonly position: ProfilePosition | null;
  readonly changes: readonly ProfileChange[];
}

export interface UnitProfile {
  readonly unit: {
    readonly code: string;
    readonly name: string;
    readonly kind: string;
    readonly level: string;
  };
  readonly release: number;
  readonly against: string;
  readonly items: readonly ProfileItem[];
}

/** What the catalogue says beyond the profile: names of areas and services, sources of each indicator. */
export interface CatalogueFacts {
  readonly areas: ReadonlyArray<{
    readonly id: string;
    readonly name: LabelText;
    /** Ids the area had before areas were merged (catalogue `formerIds`): still accepted in requests. */
    readonly formerIds?: readonly string[];
    readonly services: ReadonlyArray<{ readonly id: string; readonly name: LabelText }>;
  }>;
  /** Source ids of each indicator (catalogue `sources`). */
  readonly indicatorSources: ReadonlyMap<string, readonly string[]>;
  /** How to cite each source and under what licence (catalog/config.yaml `sources`). */
  readonly sources: ReadonlyMap<string, SourceFacts>;
}

export interface SourceFacts {
  readonly id: string;
  readonly name: string;
  readonly citation: string;
  readonly licence: string;
  readonly url: string | null;
}
