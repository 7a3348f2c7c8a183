/** Positions the console suggests; each has a prepared question bank in the offline engine. */
export const SUGGESTED_POSITIONS = [
  'Backend Developer',
  'Frontend Developer',
  'Data Scientist',
  'Product Manager',
  'DevOps Engineer',
  'UX Designer',
  'Sales Representative',
  'Customer Support Specialist',
  'Marketing Manager',
] as const;
