// A ranking as the CLI's `rank --json` prints it, the store keeps it and the dashboard shows it.
import type { RankFigure } from './rankFigures';
import type { Direction } from './topsis';

export interface RankCriterion {
  figure: RankFigure;
  /** Normalised: the criteria's weights sum to 1. */
  weight: number;
  direction: Direction;
}

export interface RankedModel {
  model: string;
  /** TOPSIS closeness C, 0–1. */
  score: number;
  /** 1 = best; equal scores share a rank. */
  rank: number;
  /** No other model beats this one on every criterion. */
  pareto: boolean;
  /**
   * Per figure: the part of its weight the model earns, from 0 (at the anti-ideal) to the full
   * weight (at the ideal), linear between them in the weighted normalised space; sums to ≤ 1.
   */
  breakdown: Partial<Record<RankFigure, number>>;
  /** Per figure: the value ranked (median of the last comparable results, or the latest). */
  inputs: Partial<Record<RankFigure, number>>;
}

export interface NotRankedModel {
  model: string;
  /** What is missing and the command that would fill it. */
  reason: string;
}

export interface RankingReport {
  use_case: string;
  /** The machine's hardware fingerprint. */
  machine: string;
  criteria: RankCriterion[];
  ranking: RankedModel[];
  not_ranked: NotRankedModel[];
}
