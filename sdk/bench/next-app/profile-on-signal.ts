// SIGUSR2 toggles V8's sampling profiler (100 µs) in this process; each stop writes `<pid>-<n>.cpuprofile` into `dir`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

export function profileOnSignal(dir: string): void {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 100 });
  let running = false;
  let written = 0;
  process.on('SIGUSR2', () => {
    if (!running) {
      running = true;
      session.post('Profiler.start');
      return;
    }
    running = false;
    session.post('Profiler.stop', (error, result) => {
      if (error) throw error;
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${process.pid}-${++written}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
