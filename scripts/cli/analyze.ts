import { CliError } from './io';

export default async function analyze(_args: string[]): Promise<void> {
  throw new CliError('analyze: not implemented yet');
}
