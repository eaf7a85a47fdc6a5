import { CliError } from './io';

export default async function diff(_args: string[]): Promise<void> {
  throw new CliError('diff: not implemented yet');
}
