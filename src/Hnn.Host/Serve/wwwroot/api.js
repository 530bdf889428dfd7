// The HTTP API of `hnn serve` (docs/serve.md). Every call carries the page's ?api_key=… when it has one:
// as the X-Api-Key header on fetch, as the api_key query on EventSource (which cannot set headers).
const apiKey = new URLSearchParams(location.search).get("api_key");

/** An error the server answered with: its status and its {"error"} message. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function call(method, path, body) {
  const headers = {};
  if (apiKey) headers["X-Api-Key"] = apiKey;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(path, { method, headers, body });
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  if (!response.ok) throw new ApiError(response.status, data?.error ?? `${response.status} ${response.statusText}: ${text.slice(0, 200)}`);
  return data;
}

const enc = encodeURIComponent;

export const api = {
  models: () => call("GET", "/api/models"),
  runs: () => call("GET", "/api/runs"),
  run: (id) => call("GET", `/api/runs/${enc(id)}`),
  result: (id, trial = 0) => call("GET", `/api/runs/${enc(id)}/result${trial ? `?trial=${trial}` : ""}`),
  /** body: the experiment's JSON text, sent as typed (the server reads it as `hnn simulate` reads a file). */
  submit: (text) => call("POST", "/api/runs", text),
  submitSweep: (text) => call("POST", "/api/sweeps", text),
  cancel: (id) => call("DELETE", `/api/runs/${enc(id)}`),
  /** A link to one of a run's files; the key goes in the query since a plain link cannot set headers. */
  fileUrl: (id, name) => withKey(`/api/runs/${enc(id)}/files/${enc(name)}`),
  events: (id) => new EventSource(withKey(`/api/runs/${enc(id)}/events`)),
};

function withKey(url) {
  return apiKey ? `${url}${url.includes("?") ? "&" : "?"}api_key=${enc(apiKey)}` : url;
}

/** Reads a static JSON file of the workbench (schema, examples). */
export async function staticJson(path) {
  const r = await fetch(path);
  if (!r.ok) throw new Error(`${path}: ${r.status}`);
  return r.json();
}
