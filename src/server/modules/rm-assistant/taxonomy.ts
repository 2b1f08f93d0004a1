import type { TaxonomyProposal, TaxonomyProposeRequest } from '../../../contracts/rm-assistant.js';
import { DEFAULT_TAXONOMY } from '../../../core/conversation/taxonomy.js';
import { checkProposal, proposalPrompt } from '../../../core/conversation/taxonomy-proposal.js';
import { AppError } from '../../../core/errors.js';
import { actorOf, writeAudit } from '../../auth/audit.js';
import type { Principal } from '../../auth/principal.js';
import type { AppDeps } from '../../http/deps.js';
import { completeText, llmFailure, parseJsonAnswer } from '../../llm/client.js';

/** The error when a route needs the optional LLM and none is configured (409, naming the fix). */
export const noLlm = (what: string, field?: string): AppError =>
  new AppError(
    'CONFLICT',
    `${field === undefined ? '' : `${field}: `}${what} needs the optional LLM, which is not configured; set LLM_BASE_URL and LLM_MODEL (and LLM_API_KEY) and restart`,
    { ...(field === undefined ? {} : { field }), llm: 'not_configured' },
  );

/**
 * Proposes new conversation tags from a sample of transcripts (≤ 50) with the LLM, for operations to review;
 * nothing is stored in the taxonomy. The transcripts are PII-masked before they leave; the answer is validated
 * (core/conversation/taxonomy-proposal). Without an LLM: 409; when the LLM fails: 503 with the reason. Audited.
 */
export const proposeTaxonomy = async (
  deps: AppDeps,
  p: Principal,
  body: TaxonomyProposeRequest,
  requestId: string,
): Promise<TaxonomyProposal> => {
  const llm = deps.llm;
  if (llm === null) throw noLlm('proposing a tag taxonomy');
  const prompt = proposalPrompt(body.transcripts, DEFAULT_TAXONOMY);
  let result: ReturnType<typeof checkProposal>;
  let tokens: TaxonomyProposal['tokens'] = null;
  try {
    const r = await completeText(llm, { ...prompt, json: true });
    tokens = r.tokens;
    result = checkProposal(parseJsonAnswer(r.text), DEFAULT_TAXONOMY);
  } catch (e) {
    throw new AppError('UNAVAILABLE', `the LLM did not give a usable proposal: ${llmFailure(e)}`, {
      llm: 'failed',
    });
  }
  await writeAudit(deps.db, actorOf(p), requestId, [
    {
      action: 'taxonomy.proposed',
      targetKind: 'taxonomy',
      target: DEFAULT_TAXONOMY.version,
      customerId: null,
      details: {
        transcripts: body.transcripts.length,
        model: llm.model,
        tokens,
        proposed: result.proposed.map((t) => t.key),
        dropped: result.dropped,
      },
    },
  ]);
  return { model: llm.model, ...result, tokens };
};
