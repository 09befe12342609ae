import type { Histogram } from '../stats/histogram';

/** One line of a micro-benchmark's results: a per-call cost in microseconds. */
export interface MicroRow {
  label: string;
  calls: number;
  meanUs: number;
  p50Us: number;
  p99Us: number;
}

export type MicroResult =
  | { name: string; status: 'ok'; rows: MicroRow[]; notes: string[] }
  | { name: string; status: 'skipped'; reason: string };

export interface MicroOptions {
  /** Fewer calls for a smoke run. */
  quick: boolean;
}

export function rowOf(label: string, perCallNs: Histogram): MicroRow {
  const us = (ns: number) => Math.round(ns / 10) / 100;
  return {
    label,
    calls: perCallNs.count,
    meanUs: us(perCallNs.mean),
    p50Us: us(perCallNs.percentile(50)),
    p99Us: us(perCallNs.percentile(99)),
  };
}
