// `process next ID [--action]`: move an instance's process on. Never retried (src/api's rule).
import { type CommandSpec, required, stringOption } from '../args';
import { processState } from '../describe';
import { APP_OPTION, INSTANCE_ID_HELP, resolveInstance } from '../refs';

export const processNext: CommandSpec = {
  name: 'process next',
  summary: "Move an instance's process to the next task (PUT process/next)",
  positionals: [{ name: 'ID', description: INSTANCE_ID_HELP }],
  options: {
    action: { type: 'string', value: 'ACTION', description: 'Action to perform, e.g. confirm, sign or reject' },
    ...APP_OPTION,
  },
  details: 'A refusal because of validation errors exits with 1 and lists the issues on stderr.',
  async run(ctx, args) {
    const client = await ctx.client();
    const ref = await resolveInstance(client, args, required(args, 'ID'), 'process next', ctx.signal);
    const state = await client.process.next(ref, { action: stringOption(args, 'action'), signal: ctx.signal });
    if (ctx.out.json) ctx.out.data(state);
    else ctx.out.line(`${ref.id}: process is now ${processState(state)}.`);
  },
};
