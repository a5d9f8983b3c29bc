import { demoEventRequest, type DemoSection } from '@ticketing/testing';

/** An event created with `demoEventRequest`: its id and sections are enough to name every seat. */
export interface BenchEvent {
  readonly eventId: string;
  readonly sections: readonly DemoSection[];
}

/** How an event appears in a report. */
export interface BenchEventSummary {
  readonly eventId: string;
  readonly seats: number;
  readonly sections: number;
}

/** How long a closed-loop scenario runs and with how many virtual clients. */
export interface LoadShape {
  readonly concurrency: number;
  readonly warmupMs: number;
  readonly durationMs: number;
}

/** `count` sections `S01`… of `rows` × `seatsPerRow` seats, priced 25.00 to 60.00 in steps of 5.00. */
export function benchSections(count: number, rows: number, seatsPerRow: number): DemoSection[] {
  return Array.from({ length: count }, (_, index) => ({
    sectionId: `S${String(index + 1).padStart(2, '0')}`,
    rows,
    seatsPerRow,
    priceMinor: 2_500 + 500 * (index % 8),
  }));
}

/** Seats one hold asks for: neighbours in one row of one section. */
export interface SeatGroup {
  readonly sectionId: string;
  readonly seatIds: readonly string[];
}

/**
 * Splits every row of the event into groups of `size` adjacent seats (a leftover shorter than
 * `size` is skipped), ordered round-robin across sections so that consecutive holds land in
 * different sections, i.e. different DynamoDB partitions and Redis hash slots — an on-sale burst
 * spread over the venue rather than a queue for one block.
 */
export function seatGroups(event: BenchEvent, size: number): SeatGroup[] {
  const request = demoEventRequest({ eventId: event.eventId, sections: event.sections });
  const perSection = request.sections.map((section) =>
    section.rows.flatMap((row) => {
      const groups: SeatGroup[] = [];
      for (let start = 0; start + size <= row.seats.length; start += size) {
        groups.push({ sectionId: section.sectionId, seatIds: row.seats.slice(start, start + size).map((seat) => seat.seatId) });
      }
      return groups;
    }),
  );
  const interleaved: SeatGroup[] = [];
  const longest = Math.max(0, ...perSection.map((groups) => groups.length));
  for (let index = 0; index < longest; index += 1) {
    for (const groups of perSection) {
      const group = groups[index];
      if (group) interleaved.push(group);
    }
  }
  return interleaved;
}

/** Number of seats of an event built by `demoEventRequest` from these sections. */
export function seatCount(event: BenchEvent): number {
  return event.sections.reduce((sum, section) => sum + section.rows * section.seatsPerRow, 0);
}

export function eventSummary(event: BenchEvent): BenchEventSummary {
  return { eventId: event.eventId, seats: seatCount(event), sections: event.sections.length };
}
