// Exercises generated/errors.ts (from spec/) the way an application would.
// Type-checked with `tsc --strict`, then compiled and run by Node: every
// `@ts-expect-error` must be an error, and every assertion must hold.
import {
  ErrorCode,
  HttpStatus,
  errorCodes,
  httpStatuses,
  isErrorCode,
  isErrorResponse,
  isHttpStatus,
  isRetryable,
  carriesErrorBody,
  errorBodyStatuses,
  formatMessage,
  parseMessage,
  type ErrorCodeInfo,
  type ErrorParams,
  type ErrorResponse,
  type ErrorResponse406,
  type ErrorResponseByStatus,
  type HttpStatusInfo,
} from "./errors.ts";

function assert(condition: boolean, what: string): void {
  if (!condition) {
    throw new Error(`assertion failed: ${what}`);
  }
}

// Types: codes are a closed union; bodies tolerate codes newer than the module.
const known: ErrorCode = ErrorCode.NotEnoughAsset;
// @ts-expect-error: not a documented code
const undocumented: ErrorCode = "NOT_A_CODE";
const newer: ErrorResponse = { code: "SOMETHING_NEW", message: "from a newer server" };
const documented: ErrorResponse = { code: ErrorCode.Maintenance, message: "Maintenance" };
// @ts-expect-error: the message is required
const noMessage: ErrorResponse = { code: "X" };
const info: ErrorCodeInfo<"NOT_ENOUGH_ASSET"> = errorCodes.NOT_ENOUGH_ASSET;
const status406: HttpStatusInfo<406> = httpStatuses[HttpStatus.NOT_ACCEPTABLE];
// @ts-expect-error: 418 is not in the status table
const teapot: HttpStatus = 418;
void [undocumented, noMessage, teapot];

assert(known === "NOT_ENOUGH_ASSET" && info.code === known, "const object and record agree");
assert(info.httpStatus === 406 && !info.retryable, "NOT_ENOUGH_ASSET metadata");
assert(status406.hasErrorBody && status406.codes.includes(ErrorCode.NotFound), "406 carries NOT_FOUND");
assert(!httpStatuses[HttpStatus.NOT_FOUND].hasErrorBody, "404 has no error body");
assert(errorCodes.ILLEGAL_STATE.message === "Illegal state: {{Error Message}}", "message template kept verbatim");
assert(errorCodes.ILLEGAL_STATE.params[0]?.name === "error_message", "parameter name");
assert(errorCodes.ILLEGAL_STATE.params[0]?.placeholder === "Error Message", "parameter placeholder");
for (const [name, code] of Object.entries(ErrorCode)) {
  assert(errorCodes[code].name === name && errorCodes[code].code === code, `metadata of ${code}`);
  assert(httpStatuses[errorCodes[code].httpStatus].codes.includes(code), `status table lists ${code}`);
}

// Guards narrow unknown JSON.
const raw: unknown = JSON.parse('{"code":"ILLEGAL_STATE","message":"Illegal state: db locked"}');
if (!isErrorResponse(raw)) {
  throw new Error("a documented error body is an ErrorResponse");
}
const rawCode: string = raw.code;
if (!isErrorCode(rawCode)) {
  throw new Error("ILLEGAL_STATE is a documented code");
}
const narrowed: ErrorCodeInfo = errorCodes[rawCode];
assert(narrowed.retryable && narrowed.httpStatus === 500, "ILLEGAL_STATE is a retryable 500");

assert(isErrorCode("MAINTENANCE") && !isErrorCode("maintenance"), "codes are case-sensitive");
for (const inherited of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
  assert(!isErrorCode(inherited), `${inherited} is not a code`);
}
assert(!isErrorCode(42) && !isErrorCode(null) && !isErrorCode(undefined), "non-strings are not codes");
assert(isHttpStatus(406) && !isHttpStatus(418) && !isHttpStatus("406"), "isHttpStatus");
assert(isErrorResponse(newer) && isErrorResponse(documented), "bodies");
for (const notBody of [null, [], "x", 1, { code: 1, message: "m" }, { code: "X" }, { message: "m" }]) {
  assert(!isErrorResponse(notBody), `${JSON.stringify(notBody)} is not an error body`);
}

// Retryability: a documented code decides, else the status table.
assert(isRetryable(500) && isRetryable(503) && isRetryable(429), "retryable statuses");
assert(!isRetryable(400) && !isRetryable(406) && !isRetryable(418), "non-retryable and unknown statuses");
assert(isRetryable(500, { code: "MAINTENANCE", message: "Maintenance" }), "retryable code");
assert(!isRetryable(500, { code: "BAD_REQUEST", message: "Bad request" }), "the code outranks the status");
assert(isRetryable(500, { code: "SOMETHING_NEW", message: "?" }), "unknown code: the status decides");
assert(!isRetryable(406, { code: "SOMETHING_NEW", message: "?" }), "unknown code on 406");
assert(isRetryable(503, "not a body"), "a non-body is ignored");

// Messages back into typed parameters, as the Rust `Error` parses them.
const parsed = parseMessage(ErrorCode.IllegalState, "Illegal state: db locked");
assert(parsed?.error_message === "db locked", "ILLEGAL_STATE's parameter");
// @ts-expect-error: ILLEGAL_STATE has no parameter `reason`
void parsed?.reason;
const noParams: ErrorParams["MAINTENANCE"] | undefined = parseMessage("MAINTENANCE", "Maintenance");
assert(noParams !== undefined && Object.keys(noParams).length === 0, "a message without parameters");
assert(parseMessage("MAINTENANCE", "Maintenance!") === undefined, "a message that does not fit");
assert(parseMessage("ILLEGAL_STATE", "Illegal state") === undefined, "the literal prefix is required");
assert(parseMessage("INTERNAL_SERVER_ERROR", "")?.error_message === "", "an empty value");
assert(formatMessage("ILLEGAL_STATE", { error_message: "db locked" }) === "Illegal state: db locked", "formatMessage");
// @ts-expect-error: the parameter is required
formatMessage("ILLEGAL_STATE", {});
for (const code of Object.values(ErrorCode)) {
  const message = formatMessage(code, parseMessage(code, errorCodes[code].message) ?? ({} as never));
  assert(parseMessage(code, message) !== undefined, `${code}: its own rendering parses`);
}

// Per-status bodies, and which statuses carry one (as the Rust client reads).
const at406: ErrorResponse406 = { code: "NOT_FOUND", message: "Not found" };
const byStatus: ErrorResponseByStatus[500] = { code: "MAINTENANCE", message: "Maintenance" };
// @ts-expect-error: 404 carries no error body
const at404: ErrorResponseByStatus[404] = at406;
void at404;
assert(isErrorResponse(at406) && isErrorResponse(byStatus), "per-status bodies are error bodies");
assert(errorBodyStatuses.join() === "406,500", "the statuses with the error body");
assert(carriesErrorBody(406) && carriesErrorBody(500) && !carriesErrorBody(404) && !carriesErrorBody(502), "carriesErrorBody");

console.log("usage ok");
