/** Revenue in one currency; currencies are never added together. */
export interface Money {
  currency: string;
  value: number;
}
