#!/usr/bin/env python3
"""Writes a synthetic spec in the seed's style for side-by-side timing of
two errgen binaries (BENCHMARKS.md, section 9): the seed's status table and
body example, then TABLES tables of ROWS codes, each under a heading with
an `httpStatus : 406` (or 500) line, one `{{Name}}` placeholder per message.

    python3 codegen/benches/seed_style.py OUT_DIR [TABLES] [ROWS]
"""
import os
import sys

HEAD = """# Error Responses

### Regular Error Response

| HTTP Status | HTTP Code | Description |
| ----------- | --------- | ----------- |
| 500 | [Error Code](error-response.md#error-response-format) | Server-side status error. Check the detailed response code. |
| 503 | SERVICE\\_UNAVAILABLE | An abnormal response is returned due to an error in server-side infrastructure configuration. |
| 400 | BAD_REQUEST | There is an issue with the format or length of the input parameters. |
| 406 | [Error Code](error-response.md#error-response-format) | The input request cannot be processed. Please check the detailed response code. |
| 429 | | The request count has been exceeded due to too many requests. |

### Error Response Format

For HTTP Status 500 and 406, the response body always returns the detailed error code in the following format as `code` and `message`.

```json
{
  "code": "INVALID_APP_CREDENTIAL",
  "message": "App id & secret is not valid"
}
```
"""

WORDS = ["ORDER", "ASSET", "MARKET", "ITEM", "PACKAGE", "ACCOUNT", "WALLET", "LIMIT",
         "EXPIRED", "INVALID", "MISSING", "LOCKED", "PENDING", "DENIED", "GAME", "TOKEN"]


def main():
    out = sys.argv[1]
    tables = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    rows = int(sys.argv[3]) if len(sys.argv) > 3 else 100
    os.makedirs(out, exist_ok=True)
    parts = [HEAD]
    n = 0
    for t in range(tables):
        status = 500 if t % 10 == 0 else 406
        parts.append(f"\n### Section {t}\n\nErrors of part {t} of the API.\n\nhttpStatus : {status}\n\n")
        parts.append("| code | message | description |\n| ---- | ------- | ----------- |\n")
        for _ in range(rows):
            a, b, c = WORDS[n % 16], WORDS[(n // 16) % 16], WORDS[(n // 256) % 16]
            code = f"{a}_{b}_{c}_{n}"
            parts.append(f"| {code.replace('_', chr(92) + '_')} | {a.title()} {b.lower()} failed: \\{{{{Error Message\\}}}} "
                         f"| When the {a.lower()} of the {b.lower()} is {c.lower()} (case {n}). |\n")
            n += 1
    with open(os.path.join(out, "error-response.md"), "w", encoding="utf-8") as f:
        f.write("".join(parts))


if __name__ == "__main__":
    main()
