// A small Hub stand-in on 127.0.0.1 for the e2e and conformance suites: no test touches the real network.
// Serves `/{repo}/resolve/{revision}/{file}` (Range requests, ETag, X-Error-Code as the Hub sends them) and
// `/api/models/{repo}` + `/api/models/{repo}/tree/{revision}` (what @huggingface/hub's listFiles reads).
// Behaviours: 401 for gated repos, slow repos (chunks with pauses), `down` (every connection is dropped).
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** File name → contents (a path on disk, or bytes). */
export type RepoFiles = Record<string, string | Buffer>;

export interface MockRepo {
  /** Files per revision; `main` is the default. */
  revisions: Record<string, RepoFiles>;
  gated?: boolean;
  /** Serve bodies in 64 KB chunks with this pause between them (ms). */
  slowMs?: number;
}

export interface MockHub {
  url: string;
  /** Every request path seen, in order (with the Authorization header it carried, if any). */
  log: Array<{ method: string; path: string; authorization: string | null }>;
  setDown(down: boolean): void;
  close(): Promise<void>;
}

function bytesOf(file: string | Buffer): Buffer {
  return typeof file === 'string' ? fs.readFileSync(file) : file;
}

export async function startMockHub(repos: Record<string, MockRepo>): Promise<MockHub> {
  let down = false;
  const log: MockHub['log'] = [];
  const server = http.createServer((req, res) => {
    if (down) {
      req.socket.destroy();
      return;
    }
    const u = new URL(req.url ?? '/', 'http://x');
    log.push({ method: req.method ?? 'GET', path: u.pathname, authorization: req.headers.authorization ?? null });
    const cors = {
      'Access-Control-Allow-Origin': '*',
      // A wildcard does not cover Authorization: it has to be named.
      'Access-Control-Allow-Headers': 'Authorization, Range, Content-Type',
      'Access-Control-Expose-Headers': 'X-Error-Code, Content-Range, Content-Length, ETag, Link',
    };
    const send = (status: number, body: string | Buffer, headers: Record<string, string | number> = {}) => {
      res.writeHead(status, { 'Content-Type': 'application/json', ...cors, ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method === 'OPTIONS') return send(204, '');
    const repoOf = (name: string) => repos[decodeURIComponent(name)];
    const denied = (repo: MockRepo) => repo.gated && req.headers.authorization !== 'Bearer hf_test_token';
    let m: RegExpMatchArray | null;

    if ((m = u.pathname.match(/^\/api\/models\/([^/]+\/[^/]+)(?:\/tree\/([^/]+))?\/?$/))) {
      const repo = repoOf(m[1]!);
      if (!repo) return send(404, JSON.stringify({ error: 'Repository not found' }), { 'X-Error-Code': 'RepoNotFound' });
      if (denied(repo)) return send(401, JSON.stringify({ error: 'Access to model is restricted.' }), { 'X-Error-Code': 'GatedRepo' });
      const files = repo.revisions[decodeURIComponent(m[2] ?? 'main')];
      if (!files) return send(404, JSON.stringify({ error: 'Revision not found' }), { 'X-Error-Code': 'RevisionNotFound' });
      const entries = Object.entries(files).map(([path, f]) => ({ type: 'file', path, size: bytesOf(f).length, oid: `oid-${path}` }));
      if (m[2]) return send(200, JSON.stringify(entries));
      return send(200, JSON.stringify({ id: m[1], modelId: m[1], sha: 'main', siblings: entries.map((e) => ({ rfilename: e.path })) }));
    }
    if ((m = u.pathname.match(/^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/))) {
      const repo = repoOf(m[1]!);
      if (!repo) return send(404, 'Repository not found', { 'Content-Type': 'text/plain', 'X-Error-Code': 'RepoNotFound' });
      if (denied(repo)) return send(401, 'Access to model is restricted.', { 'Content-Type': 'text/plain', 'X-Error-Code': 'GatedRepo' });
      const files = repo.revisions[decodeURIComponent(m[2]!)];
      if (!files) return send(404, 'Revision not found', { 'Content-Type': 'text/plain', 'X-Error-Code': 'RevisionNotFound' });
      const file = files[decodeURIComponent(m[3]!)];
      if (!file) return send(404, 'Entry not found', { 'Content-Type': 'text/plain', 'X-Error-Code': 'EntryNotFound' });
      let body = bytesOf(file);
      let status = 200;
      const headers: Record<string, string | number> = { ETag: `"${body.length}"`, 'Accept-Ranges': 'bytes' };
      const range = req.headers.range?.match(/bytes=(\d+)-(\d*)/);
      if (range) {
        const a = Number(range[1]);
        const b = range[2] ? Math.min(Number(range[2]), body.length - 1) : body.length - 1;
        headers['Content-Range'] = `bytes ${a}-${b}/${body.length}`;
        body = body.subarray(a, b + 1);
        status = 206;
      }
      headers['Content-Length'] = body.length;
      if (!repo.slowMs || req.method === 'HEAD') return send(status, body, { ...headers, 'Content-Type': 'application/octet-stream' });
      res.writeHead(status, { 'Content-Type': 'application/octet-stream', ...cors, ...headers });
      let at = 0;
      const step = () => {
        if (res.destroyed) return;
        res.write(body.subarray(at, at + 65536));
        at += 65536;
        if (at >= body.length) res.end();
        else setTimeout(step, repo.slowMs);
      };
      step();
      return;
    }
    send(404, 'not found', { 'Content-Type': 'text/plain' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    setDown: (value) => {
      down = value;
      if (value) server.closeAllConnections();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
