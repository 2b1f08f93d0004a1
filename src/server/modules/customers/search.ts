/**
 * What the `q` of the customer list searches, decided once for the query and the audit log.
 *
 * Roles that see masked PII (branch managers, operations, admin, audit) may find a customer by an exact full
 * value only: a prefix or part of a phone, ID number or name would let them walk a masked `100****0188` back to
 * the clear number one digit at a time, or confirm a masked name. Roles that see the values in clear (the RM,
 * within their own customers; the customer) keep prefix and part-of-name search. Every search is audited with
 * its kind and the number of matches, never the searched value.
 */
export type CustomerSearch = {
  /** `phone` also matches a customer id equal to the digits (ids are not personal data). */
  kind: 'phone' | 'id_number' | 'name';
  match: 'exact' | 'partial';
  value: string;
  /** The digits as a customer id, when `kind` is phone and they fit an integer. */
  customerId: number | null;
};

const ID_NUMBER = /^\d{17}[\dX]$/;
const DIGITS = /^\d{1,17}$/;

/** The search of a (trimmed) `q`; undefined when there is nothing to search. */
export const customerSearchOf = (q: string | undefined, clearPii: boolean): CustomerSearch | undefined => {
  if (q === undefined || q === '') return undefined;
  const upper = q.toUpperCase();
  if (ID_NUMBER.test(upper)) return { kind: 'id_number', match: 'exact', value: upper, customerId: null };
  const match = clearPii ? 'partial' : 'exact';
  if (DIGITS.test(q)) {
    const id = Number(q);
    return { kind: 'phone', match, value: q, customerId: Number.isSafeInteger(id) ? id : null };
  }
  return { kind: 'name', match, value: q, customerId: null };
};
