// A use case: what a user wants a model for, as criteria to rank by. Stored in `use_cases`.
import type { RankFigure } from './rankFigures';
import type { Direction } from './topsis';

export interface UseCaseCriterion {
  figure: RankFigure;
  /** The suite whose results give the figure (A generation, B long prompt, C concurrency…). */
  suite: string;
  /** Any positive number; weights are normalised to sum 1 when ranking. */
  weight: number;
  /** Default: the figure's natural direction. */
  direction?: Direction;
}

export interface UseCase {
  _id?: string;
  /** Key used on the command line: `rank --use-case chat`. */
  name: string;
  title: string;
  description: string;
  criteria: UseCaseCriterion[];
  /** One of the shipped defaults (editable; deleting it restores the default). */
  builtin?: boolean;
  created_at?: string;
  updated_at?: string;
}
