import { SUGGESTED_POSITIONS } from '../positions.js';

export const listPositions = (): string[] => [...SUGGESTED_POSITIONS];
