// Bookings (guide steps 6–7): facilities' offers, slots, first-interview decisions, allowance
// buckets and the bookings themselves (migrations/0002_profiles.ts, 0008_reservations.ts).
import type { Generated, GeneratedAlways } from 'kysely';
import type { DateString, Timestamp } from '../platform/database.ts';

export type ReservationKind = 'interview' | 'regular' | 'flexible';
export type ReservationStatus = 'provisional' | 'confirmed' | 'declined' | 'cancelled' | 'late_cancelled';
export type BookingStyle = 'free' | 'blocks';

declare module '../platform/database.ts' {
  interface Database {
    reservations: {
      id: Generated<string>;
      /** The child's municipality (whose allowance it draws on). */
      municipality_id: string;
      facility_id: string;
      child_id: string;
      kind: ReservationKind;
      status: ReservationStatus;
      starts_at: Timestamp;
      ends_at: Timestamp;
      created_at: Generated<Date>;
      // 0008_reservations
      slot_id: string | null;
      age_class: number | null;
      booked_by: string | null;
      idempotency_key: string | null;
      decided_by: string | null;
      decided_at: Timestamp | null;
      cancelled_by: string | null;
      cancelled_at: Timestamp | null;
      comment: Generated<string>;
      period: GeneratedAlways<string>;
      // 0009_booking_screens
      series_id: string | null;
      pickup_name: Generated<string>;
      pickup_relationship: Generated<string>;
      pickup_phone: Generated<string>;
      decline_reason: Generated<string>;
    };
    reservation_series: {
      id: Generated<string>;
      municipality_id: string;
      facility_id: string;
      child_id: string;
      frequency: 'weekly' | 'biweekly';
      first_date: DateString;
      last_date: DateString;
      start_minute: number;
      end_minute: number;
      created_by: string;
      created_at: Timestamp;
    };
    pickup_change_requests: {
      id: Generated<string>;
      reservation_id: string;
      municipality_id: string;
      facility_id: string;
      requested_end_minute: number;
      message: Generated<string>;
      status: Generated<'requested' | 'accepted' | 'refused' | 'withdrawn'>;
      requested_by: string;
      requested_at: Timestamp;
      decided_by: string | null;
      decided_at: Timestamp | null;
      reply: Generated<string>;
    };
    facility_offers: {
      facility_id: string;
      municipality_id: string;
      offers_interview: Generated<boolean>;
      offers_regular: Generated<boolean>;
      offers_flexible: Generated<boolean>;
      youngest_age_months: Generated<6 | 12>;
      booking_style: Generated<BookingStyle>;
      cancel_minutes_before_day: Generated<number>;
      updated_at: Timestamp | null;
      // 0009_booking_screens
      booking_notes: Generated<string>;
      weeks_ahead: Generated<number>;
      // 0011_attendance
      charges_late_cancellations: Generated<boolean>;
    };
    slot_templates: {
      id: Generated<string>;
      facility_id: string;
      municipality_id: string;
      weekday: number;
      start_minute: number;
      end_minute: number;
      capacity_age0: number;
      capacity_age1: number;
      capacity_age2: number;
      kinds: ReservationKind[];
    };
    facility_closed_days: {
      facility_id: string;
      municipality_id: string;
      date: DateString;
      reason: Generated<string>;
    };
    slots: {
      id: Generated<string>;
      facility_id: string;
      municipality_id: string;
      date: DateString;
      starts_at: Timestamp;
      ends_at: Timestamp;
      capacity_age0: number;
      capacity_age1: number;
      capacity_age2: number;
      kinds: ReservationKind[];
      withdrawn_at: Timestamp | null;
      created_at: Generated<Date>;
    };
    facility_approvals: {
      facility_id: string;
      child_id: string;
      municipality_id: string;
      approved: boolean;
      reason: Generated<string>;
      note: Generated<string>;
      decided_by: string;
      decided_at: Timestamp;
    };
    allowance_buckets: {
      id: Generated<string>;
      municipality_id: string;
      position: number;
      name: string;
      minutes_per_month: number;
      kinds: ReservationKind[];
      own_facilities_only: Generated<boolean>;
    };
    reservation_allowance_charges: {
      reservation_id: string;
      child_id: string;
      municipality_id: string;
      month: DateString;
      bucket: string;
      minutes: number;
    };
  }
}
