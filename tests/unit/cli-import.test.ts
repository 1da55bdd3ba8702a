// Importing electron/cli.ts must not run the CLI:
// no usage printed, no exit. It runs when called: scripts/yanpan.mjs calls main(argv).
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => vi.restoreAllMocks());

describe('electron/cli.ts as a module', () => {
  it('importing it prints nothing and does not exit; main(argv) runs the command', async () => {
    const written: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: never[]) => {
      written.push(String(chunk));
      return write(chunk, ...rest);
    }) as typeof process.stdout.write);
    const exit = vi.spyOn(process, 'exit').mockImplementation(((code?: number) => {
      throw new Error(`exit ${code}`);
    }) as typeof process.exit);

    const cli = await import('../../electron/cli.js');
    // A top-level run would have printed by now (help is synchronous after the first await).
    await new Promise((r) => setTimeout(r, 50));
    expect(written.join('')).not.toContain('风险研判台 命令行');
    expect(exit).not.toHaveBeenCalled();

    await cli.main(['help']);
    expect(written.join('')).toContain('风险研判台 命令行');
    await expect(cli.main(['不存在的命令'])).rejects.toThrow('exit 2');
  });
});
