// A load generator in its own process (its CPU is not the server's): `count` GET requests to `url` over
// `connections` keep-alive connections, request i carrying `Authorization: Bearer tokens[(start + i) % tokens.length]`.
// Every answer must be 200 with the token's user id (or null when `expectUser` is false); prints the tally as JSON.
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';

const { url, tokensFile, start, count, connections, expectUser } = JSON.parse(process.argv[2]);
const { tokens, users } = JSON.parse(readFileSync(tokensFile, 'utf8'));
const agent = new Agent({ keepAlive: true, maxSockets: connections });
let next = 0;
let wrong = 0;
let firstWrong = null;

function get(i) {
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
    req.on('error', reject);
    req.end();
  });
}

async function worker() {
  while (next < count) await get(next++);
}

await Promise.all(Array.from({ length: connections }, worker));
agent.destroy();
console.log(JSON.stringify({ count, wrong, firstWrong }));
