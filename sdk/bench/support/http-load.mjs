// A load generator in its own process (its CPU is not the server's), forked once and reused: each job it receives
// over IPC sends `count` GET requests to `url` over `connections` keep-alive connections, request i carrying
// `Authorization: Bearer tokens[(start + i) % tokens.length]`, and answers with the tally. Every answer must be 200
// with the token's user id (or null when `expectUser` is false). Staying up lets the bench interleave servers in
// short slices without paying a process start per slice.
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';

const agents = new Map();
const tokenFiles = new Map();

function agentFor(url, connections) {
  const key = `${url}|${connections}`;
  let agent = agents.get(key);
  if (!agent) {
    agent = new Agent({ keepAlive: true, maxSockets: connections });
    agents.set(key, agent);
  }
  return agent;
}

function tokensOf(file) {
  let parsed = tokenFiles.get(file);
  if (!parsed) {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
    tokenFiles.set(file, parsed);
  }
  return parsed;
}

export async function run({ url, tokensFile, start, count, connections, expectUser }) {
  const { tokens, users } = tokensOf(tokensFile);
  const agent = agentFor(url, connections);
  let next = 0;
  let wrong = 0;
  let firstWrong = null;
  const get = (i) => {
    const index = (start + i) % tokens.length;
    return new Promise((resolve, reject) => {
      const req = request(url, { agent, headers: { authorization: `Bearer ${tokens[index]}` } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => {
          const expected = expectUser ? users[index] : null;
          let userId;
          try {
            userId = JSON.parse(body).userId;
          } catch {
            userId = undefined;
          }
          if (res.statusCode !== 200 || userId !== expected) {
            wrong++;
            firstWrong ??= `${res.statusCode} ${body.slice(0, 200)}`;
          }
          resolve();
        });
      });
      req.on('error', (error) => {
        // A keep-alive socket the server closed while the others took their turns: send again on a new one.
        if (req.reusedSocket && error.code === 'ECONNRESET') get(i).then(resolve, reject);
        else reject(error);
      });
      req.end();
    });
  };
  const worker = async () => {
    while (next < count) await get(next++);
  };
  await Promise.all(Array.from({ length: connections }, worker));
  return { count, wrong, firstWrong };
}

/** Closes the keep-alive connections `run` opened. */
export function closeConnections() {
  for (const agent of agents.values()) agent.destroy();
  agents.clear();
}

// Forked as the benches' load generator: jobs arrive over IPC. Imported (the instruction bench): `run` only.
if (process.send) {
  process.on('message', (job) => {
    run(job).then(
      (tally) => process.send(tally),
      (error) => process.send({ error: String(error?.stack ?? error) }),
    );
  });
  process.on('disconnect', () => {
    closeConnections();
    process.exit(0);
  });
}
