/**
 * Maker/checker states of a copy version (316号文: staff send only reviewed marketing content):
 * draft → submitted → approved | rejected. Editing an approved or rejected version opens a new draft version,
 * which needs its own approval; a submitted version cannot be edited until decided. Only the approved latest
 * version may be sent, and the checker is never the maker.
 */
export const COPY_STATUSES = ['draft', 'submitted', 'approved', 'rejected'] as const;
export type CopyStatus = (typeof COPY_STATUSES)[number];

export type CopyAction = 'edit' | 'submit' | 'approve' | 'reject' | 'send';

export type Transition =
  { ok: true; status: CopyStatus; newVersion: boolean } | { ok: false; reason: string };

export const transition = (
  status: CopyStatus,
  action: CopyAction,
  who: { actor: number; maker: number },
): Transition => {
  const no = (reason: string): Transition => ({ ok: false, reason });
  switch (action) {
    case 'edit':
      if (status === 'submitted') return no('copy_under_review');
      return { ok: true, status: 'draft', newVersion: status !== 'draft' };
    case 'submit':
      if (status !== 'draft') return no(`copy_${status}`);
      if (who.actor !== who.maker) return no('not_the_maker');
      return { ok: true, status: 'submitted', newVersion: false };
    case 'approve':
    case 'reject':
      if (status !== 'submitted') return no('copy_not_submitted');
      if (who.actor === who.maker) return no('maker_cannot_check');
      return { ok: true, status: action === 'approve' ? 'approved' : 'rejected', newVersion: false };
    case 'send':
      if (status !== 'approved') return no('copy_not_approved');
      return { ok: true, status, newVersion: false };
  }
};
