import type { Argv, CommandModule } from 'yargs';
import { adminHeaders, postJson } from '../client/rest';
import { DEFAULT_MEDIA, familyNamed, type MediaName } from '../gws/families';
import { customerActionsOf } from '../gws/operations/customer/actions';
import { EXIT } from './cli';
import { checkServer, DEFAULT_SERVER } from './options';
import { MEDIA_OPTION, sessionMedia } from './session-media';

interface CustomerArgs {
  action: 'offer' | 'say' | 'typing' | 'leave' | 'hangup' | 'answer' | 'refuse';
  from?: string;
  session?: string;
  to?: string;
  name?: string;
  text?: string;
  stop: boolean;
  media?: MediaName;
  server: string;
  'admin-token'?: string;
}

/** Where each action goes under /sim, and its body: the customer operations' routes (src/gws/operations/customer). */
function request(args: CustomerArgs, media: MediaName): { path: string; body: object } {
  const collection = `/sim/${familyNamed(media).collection}`;
  const session = `${collection}/${encodeURIComponent(args.session ?? '')}`;
  switch (args.action) {
    case 'offer':
      // A call names its customer by number (families/voice), a session by nickname.
      return { path: collection, body: familyNamed(media).legPerAgent ? { offerTo: args.to, from: args.from } : { offerTo: args.to, customer: args.name, text: args.text } };
    case 'hangup':
    case 'answer':
    case 'refuse':
      return { path: `${session}/${args.action}`, body: {} };
    case 'say':
      return { path: `${session}/messages`, body: { text: args.text } };
    case 'typing':
      return { path: `${session}/typing/${args.stop ? 'stop' : 'start'}`, body: {} };
    case 'leave':
      return { path: `${session}/leave`, body: {} };
    default: {
      const unknown: never = args.action;
      throw new Error(`unknown action ${String(unknown)}`);
    }
  }
}

export const customerCommand: CommandModule<object, CustomerArgs> = {
  command: 'customer <action> [session]',
  describe: "Play the customer's side: offer a new session or call to an agent, write, type, leave; on a call, hang up, answer or refuse an outbound call",
  builder: (cli: Argv) =>
    cli
      .positional('action', { choices: ['offer', 'say', 'typing', 'leave', 'hangup', 'answer', 'refuse'] as const, demandOption: true, describe: 'What the customer does (hangup, answer, refuse: on a call)' })
      .positional('session', { type: 'string', describe: "The session id (say, typing, leave), or the call's connId or an agent's own call id there (hangup, answer, refuse)" })
      .option('from', { type: 'string', describe: "offer --media voice: the customer's phone number (default +14155550100)" })
      .option('to', { type: 'string', describe: 'offer: the user name of the agent it is offered to (a chat without --to goes to an agent Ready on chat, or waits)' })
      .option('name', { type: 'string', describe: "offer: the customer's nickname (default Customer)" })
      .option('text', { type: 'string', describe: "offer: the first message; say: what the customer writes" })
      .option('stop', { type: 'boolean', default: false, describe: 'typing: the customer stops typing (default: starts)' })
      .option('media', { ...MEDIA_OPTION, describe: `${MEDIA_OPTION.describe} (offer: a Facebook session)` })
      .option('server', { type: 'string', default: DEFAULT_SERVER, describe: 'The running gws-sim' })
      .option('admin-token', { type: 'string', describe: "The server's --admin-token, for its /sim endpoints" })
      .check((args) => {
        checkServer(args.server as string);
        const routed = familyNamed((args.media as MediaName | undefined) ?? DEFAULT_MEDIA).channel !== undefined;
        if (args.action === 'offer' && args.to === undefined && !routed) throw new Error('customer offer needs --to <agent user name> (only chats and calls, --media chat or voice, are routed without it)');
        if (args.action !== 'offer' && args.session === undefined) throw new Error(`customer ${String(args.action)} needs the session id`);
        if (args.action === 'say' && args.text === undefined) throw new Error('customer say needs --text');
        const call = familyNamed((args.media as MediaName | undefined) ?? DEFAULT_MEDIA).legPerAgent;
        if (args.action === 'offer' && call && (args.name !== undefined || args.text !== undefined)) throw new Error("customer offer --media voice: a call's customer is its phone number: give --from, not --name or --text");
        if (args.action === 'offer' && !call && args.from !== undefined) throw new Error('customer offer: --from is the phone number of a call (--media voice); a session takes --name and --text');
        return true;
      })
      .example('$0 customer offer --to agent1 --name Alice --text "Hello"', 'a new session, offered to agent1; prints its id')
      .example('$0 customer say gws-sim-00SIM00000000002 --text "Are you there?"', 'the customer writes')
      .example('$0 customer offer --media chat --name Bob --text "Hi"', 'a chat, offered to an agent Ready on chat (or waiting for one)')
      .example('$0 customer offer --media voice --from +14155550100 --to agent1', "a call ringing agent1's phone; prints its connId")
      .example('$0 customer hangup gws-sim-00SIM00000000004', 'the customer hangs up that call')
      .epilogue('Exit code: 0 when the answer has statusCode 0, 1 otherwise.') as Argv<CustomerArgs>,
  handler: async (args) => {
    const server = args.server.replace(/\/+$/, '');
    try {
      const { media, id, hint } =
        args.action === 'offer' ? { media: args.media ?? DEFAULT_MEDIA, id: undefined } : await sessionMedia(server, args.session!, args.media, args['admin-token']);
      const action = args.action === 'typing' ? (args.stop ? 'stopTyping' : 'startTyping') : args.action;
      if (action !== 'offer' && !customerActionsOf(media).includes(action)) {
        const noun = familyNamed(media).resource;
        throw new Error(`${args.session} is a ${noun} (--media ${media}); the customer of a ${noun} can: ${customerActionsOf(media).join(', ')}`);
      }
      const { path, body } = request({ ...args, session: id }, media);
      const answer = await postJson(`${server}${path}`, adminHeaders(args['admin-token']), body);
      console.log(JSON.stringify(answer, null, 2));
      if (answer.statusCode !== 0 && hint !== undefined) console.error(`gws-sim: ${hint}`);
      process.exit(answer.statusCode === 0 ? EXIT.ok : EXIT.failure);
    } catch (error) {
      console.error(`gws-sim: customer ${args.action}: ${(error as Error).message}`);
      process.exit(EXIT.failure);
    }
  },
};
