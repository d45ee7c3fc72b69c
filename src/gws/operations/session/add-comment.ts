import { z } from 'zod';
import { propertiesOperation } from './properties';

/** AddComment: the session's `comment` (the last one given). */
export const addComment = propertiesOperation({
  name: 'AddComment',
  summary: "Sets the session's comment",
  params: z.object({ comment: z.string() }),
  example: { comment: 'Customer asked for a callback' },
  change: (session, params) => {
    session.comment = params.comment;
  },
});
