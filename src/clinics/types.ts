/** The clinic directory as read from data/clinics.yaml (see data/clinics.schema.json). */
import type { ClinicRef } from '../core/types.js';

export type ServiceTag =
  | 'sealing' | 'expungement' | 'vacatur' | 'set_aside' | 'reclassification' | 'arrest_record' | 'juvenile'
  | 'cannabis' | 'pardon' | 'certificate_of_rehabilitation'
  | 'rap_sheet' | 'rap_sheet_correction' | 'fingerprinting'
  | 'court_debt' | 'warrant_recall' | 'drivers_license'
  | 'eligibility_screening' | 'petition_preparation' | 'court_representation' | 'efiling_help' | 'self_help' | 'referral'
  | 'voting_restoration' | 'voter_registration'
  | 'employment' | 'employment_rights' | 'housing' | 'id_documents' | 'health' | 'food' | 'education' | 'civil_legal';

export interface SourceFull { title: string; url: string; published?: string | number | null; supports?: string[] }
export interface SourceRef { ref: string; supports?: string[] }
export type Source = SourceFull | SourceRef;

export interface Phone { number: string; ext?: string; label?: string; kind?: string; unverified?: string }
export interface Address { street?: string | null; unit?: string | null; city: string; state: string; zip?: string | null }
export interface Hours { rrule?: string | null; opens?: string | null; closes?: string | null; note?: string }
export interface Accessibility { wheelchair?: 'yes' | 'no' | 'unknown'; asl?: string; notes?: string }

export interface Location {
  id: string;
  name: string;
  kind: string;
  address: Address;
  geo?: { lat: number; lon: number; source?: string };
  hours?: Hours[];
  walk_in?: boolean | null;
  languages?: string[];
  accessibility?: Accessibility;
  status: 'active_per_source' | 'suspended_per_source' | 'historical';
  /** This place's own number when it differs from the organization's first phone. */
  phone?: string;
  /** A desk that handles juvenile records only (shown as such, ranked after general offices). */
  juvenile_only?: boolean;
  notes?: string;
  unverified?: string;
}

/** When and how the entry was last checked against its sources (not necessarily by a person). */
export interface Checked { date: string; how: 'website' | 'news' | 'third_party' | 'phone' }

export interface Venue { name?: string | null; street?: string | null; unit?: string | null; city?: string | null; state?: string; zip?: string | null }

export interface ClinicEvent {
  id: string;
  title: string;
  kind: 'one_off' | 'recurring';
  mode: 'in_person' | 'virtual' | 'hybrid';
  location_ref?: string | null;
  venue?: Venue;
  start?: string;
  end?: string;
  tz?: string;
  recurrence?: {
    rrule?: string | null;
    start_time?: string | null;
    end_time?: string | null;
    valid_from?: string | null;
    valid_to?: string | null;
    note?: string;
  };
  registration?: { required?: boolean | null; phone?: string | null; email?: string | null; url?: string | null };
  services?: ServiceTag[];
  languages?: string[];
  campaign?: string | null;
  status: 'active_per_source' | 'unconfirmed' | 'past' | 'cancelled' | 'suspended_per_source';
  notes?: string;
  unverified?: string;
}

export interface Residency {
  kind: 'city' | 'county' | 'state' | 'zip';
  state: string;
  names?: string[];
  zips?: string[];
  proof_required?: boolean;
  note?: string;
}

export interface Organization {
  id: string;
  name: string;
  short_name?: string;
  org_type: string;
  status?: 'active_per_source' | 'historical';
  website?: string | null;
  email?: string | null;
  phones?: Phone[];
  serves: {
    states: string[];
    counties?: string[];
    /** ZIP prefixes of `counties`, so a ZIP outside them can be told (and the entry ranked after local help). */
    county_zips?: string[];
    /** Helps only people it already represents. */
    clients_only?: boolean;
    residency?: Residency | null;
    focus_areas?: string[];
    notes?: string;
  };
  cost?: string;
  services: ServiceTag[];
  intake?: string[];
  languages?: string[];
  accessibility?: Accessibility;
  prerequisites?: string;
  notes?: string;
  locations?: Location[];
  events?: ClinicEvent[];
  new_participation?: number[];
  sources: Source[];
  open_questions?: { field: string; value?: unknown; note: string }[];
  last_verified: string | null;
  checked?: Checked;
  verification?: { status: 'verified' | 'partial' | 'unverified' | 'stale'; verified_by?: string | null; method?: string | null; notes?: string };
}

export interface Fallback {
  id: string;
  name: string;
  kind: 'legal_aid_program' | 'statewide_website' | 'hotline' | 'national_directory' | 'law_summary' | 'campaign';
  phone?: string | null;
  url?: string | null;
  services?: ServiceTag[];
  note?: string;
  /** The part of the state a regional program serves; ZIP prefixes, so the person's own region comes first. */
  region?: { name?: string; zips: string[] };
  sources: Source[];
  last_verified: string | null;
  checked?: Checked;
  unverified?: string;
}

export interface Campaign {
  id: string;
  name: string;
  website?: string | null;
  recurrence_hint?: string;
  instances: { year: number; start: string; end: string; name?: string; notes?: string; source: Source }[];
  sources: Source[];
}

export interface DirectoryData {
  schema_version: string;
  dataset: { name: string; generated: string; license?: string; stale_after_days: number; notes?: string };
  sources?: Record<string, SourceFull>;
  campaigns?: Campaign[];
  organizations: Organization[];
  fallbacks: { states: Record<string, Fallback[]>; national: Fallback[] };
  /** Spanish text for every English sentence the directory shows, keyed by the English text. */
  translations?: { es?: Record<string, string> };
}

/** A loaded directory: the data plus where each entry sits in its file (for --stale and lint). */
export interface ClinicDirectory extends DirectoryData {
  file: string;
  /** Entry id -> [line, col] of the entry in `file`. */
  origins: Map<string, [number, number]>;
}

export type ClinicKind = 'local' | 'statewide' | 'state_fallback' | 'national';

export interface UpcomingEvent {
  id: string;
  title: string;
  /** Next date (YYYY-MM-DD, or YYYY-MM when only the month is known); null when the day is not published. */
  date: string | null;
  time: string | null;
  recurrence: string | null;
  mode: ClinicEvent['mode'];
  where: string | null;
  registration: string | null;
  status: ClinicEvent['status'];
  unverified: string | null;
}

/** What `nearestClinics` returns per entry: the contract's ClinicRef plus display detail. */
export interface ClinicResult extends ClinicRef {
  id: string;
  kind: ClinicKind;
  state: string | null;
  location: string | null;
  /** How `distance_miles` was measured: from an exact point, the office ZIP's centroid, or its city's. */
  precision: 'geo' | 'zip' | 'city' | null;
  /** The place shown is a desk for juvenile records only (the organization has no other office). */
  juvenile_desk?: true;
  email: string | null;
  hours: string[];
  languages: string[];
  services: string[];
  limits: string[];
  events: UpcomingEvent[];
  notes: string[];
  last_verified: string | null;
  /** When and how the entry was last checked against its sources. */
  checked: Checked | null;
  verification: string;
  unverified: string[];
  sources: string[];
}
