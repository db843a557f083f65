import { execFileSync } from 'node:child_process';

/** Builds the command line once (build/cli.js) so CLI tests run the current sources, not a stale build. */
export default function setup(): void {
  execFileSync('npx', ['vite', 'build', '--config', 'vite.node.config.ts'], { stdio: 'inherit' });
}
