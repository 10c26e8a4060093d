/// The OpenAPI 3.1 document of every route (SPEC 8.2), served at `/openapi.yaml` and checked by
/// the test suite (a validator, and every answer the tests receive is held against it).
enum OpenAPIDocument {
    static let yaml = #"""
openapi: 3.1.0
info:
  title: budget-ledger
  version: "1"
  description: >
    The ledger of NHS personal health budgets over HTTP (SPEC 8). Every body is exactly what the
    named command prints with --json. Every read answer carries X-Ledger-Seq, the last seq of the
    state it was computed from.
servers:
  - url: http://127.0.0.1:8080
security:
  - bearer: []
paths:
  /v1/health:
    get:
      operationId: health
      summary: The server is up; the last seq.
      security: []
      responses:
        "200":
          description: Up.
          headers:
            X-Ledger-Seq: {$ref: "#/components/headers/LedgerSeq"}
          content:
            application/json:
              schema:
                type: object
                required: [status, seq]
                additionalProperties: false
                properties:
                  status: {const: ok}
                  seq: {type: integer, minimum: 0}
        "503": {$ref: "#/components/responses/Unavailable"}
  /openapi.yaml:
    get:
      operationId: openapi
      summary: This document.
      security: []
      responses:
        "200":
          description: The OpenAPI 3.1 document.
          content:
            application/yaml:
              schema: {type: string}
  /v1/events:
    post:
      operationId: postEvents
      summary: Post one batch of events, as `post --json` (finance).
      description: >
        JSON Lines, one JSON object, or a JSON array of objects. All-or-nothing unless
        partial=true. The actor of every event is the caller's user name; an event naming another
        actor is rejected (invalid_field). The answer is sent once the events are durable.
      parameters:
        - {name: partial, in: query, schema: {type: string, enum: ["true", "false"]}}
      requestBody:
        required: true
        content:
          application/x-ndjson:
            schema: {type: string}
          application/json:
            schema:
              oneOf:
                - {type: object}
                - {type: array, items: {type: object}}
      responses:
        "200":
          description: Nothing rejected, or partial=true wrote the accepted events. `post --json` lines.
          content:
            application/x-ndjson:
              schema: {type: string}
        "422":
          description: Some events rejected and nothing written. `post --json` lines.
          content:
            application/x-ndjson:
              schema: {type: string}
        "400": {$ref: "#/components/responses/BadRequest"}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "408": {$ref: "#/components/responses/Timeout"}
        "413": {$ref: "#/components/responses/TooLarge"}
        "415": {$ref: "#/components/responses/UnsupportedMediaType"}
        "503": {$ref: "#/components/responses/Unavailable"}
    get:
      operationId: exportEvents
      summary: Events after since_seq, as `export` prints them, at most limit (finance, auditor).
      parameters:
        - {name: since_seq, in: query, schema: {type: integer, minimum: 0}}
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 10000, default: 10000}}
      responses:
        "200":
          description: JSON Lines, one event with its envelope and hash per line.
          headers:
            X-Ledger-Seq: {$ref: "#/components/headers/LedgerSeq"}
          content:
            application/x-ndjson:
              schema: {type: string}
        "400": {$ref: "#/components/responses/BadRequest"}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /v1/events/stream:
    get:
      operationId: streamEvents
      summary: Server-Sent Events, each event after since_seq (or Last-Event-ID) and then each new one (finance, auditor).
      parameters:
        - {name: since_seq, in: query, schema: {type: integer, minimum: 0}}
        - {name: Last-Event-ID, in: header, schema: {type: string, pattern: "^[0-9]+$"}}
      responses:
        "200":
          description: "`id:` is the event's seq, `data:` its export line."
          content:
            text/event-stream:
              schema: {type: string}
        "400": {$ref: "#/components/responses/BadRequest"}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /v1/budgets:
    get:
      operationId: balances
      summary: Every budget, as `balances --json` (a viewer sees their budgets only).
      parameters:
        - {$ref: "#/components/parameters/AsOfSeq"}
        - {$ref: "#/components/parameters/AsOfDate"}
        - {$ref: "#/components/parameters/KnownAt"}
        - {name: surplus_weeks, in: query, schema: {type: integer, minimum: 0, maximum: 520}}
      responses:
        "200":
          description: JSON Lines, one budget per line, by budget id.
          headers:
            X-Ledger-Seq: {$ref: "#/components/headers/LedgerSeq"}
          content:
            application/x-ndjson:
              schema: {type: string}
        "400": {$ref: "#/components/responses/BadRequest"}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /v1/budgets/{budget}:
    get:
      operationId: balance
      summary: One budget, as `balance BUDGET --json`.
      parameters:
        - {$ref: "#/components/parameters/Budget"}
        - {$ref: "#/components/parameters/AsOfSeq"}
        - {$ref: "#/components/parameters/AsOfDate"}
        - {$ref: "#/components/parameters/KnownAt"}
      responses:
        "200":
          description: The budget's balances (SPEC 6.2).
          headers:
            X-Ledger-Seq: {$ref: "#/components/headers/LedgerSeq"}
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Balance"}
        "400": {$ref: "#/components/responses/BadRequest"}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "404": {$ref: "#/components/responses/NotFound"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /v1/budgets/{budget}/audit:
    get:
      operationId: audit
      summary: The budget's events with the totals after each, as `audit BUDGET --json`.
      parameters:
        - {$ref: "#/components/parameters/Budget"}
        - {$ref: "#/components/parameters/AsOfSeq"}
        - {$ref: "#/components/parameters/AsOfDate"}
        - {$ref: "#/components/parameters/KnownAt"}
      responses:
        "200":
          description: >
            JSON Lines, one event per line in seq order (`audit --json`); with Accept text/csv
            as `audit --csv`, with Accept text/html the `audit --html` page.
          headers:
            X-Ledger-Seq: {$ref: "#/components/headers/LedgerSeq"}
          content:
            application/x-ndjson:
              schema: {type: string}
            text/csv:
              schema: {type: string}
            text/html:
              schema: {type: string}
        "400": {$ref: "#/components/responses/BadRequest"}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "404": {$ref: "#/components/responses/NotFound"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /v1/budgets/{budget}/reconciliations:
    post:
      operationId: reconcile
      summary: Match a statement to a pot, as `reconcile --json` (finance; auditor without post=true).
      parameters:
        - {$ref: "#/components/parameters/Budget"}
        - {name: pot, in: query, required: true, schema: {enum: [third_party, direct_payment]}}
        - {name: period_end, in: query, required: true, schema: {type: string, format: date}}
        - {name: period_start, in: query, schema: {type: string, format: date}}
        - {name: post, in: query, schema: {type: string, enum: ["true", "false"]}}
        - {name: surplus_weeks, in: query, schema: {type: integer, minimum: 0, maximum: 520}}
        - name: format
          in: query
          description: >-
            How to read the statement's columns (SPEC 7.1): auto (the default) or standard. A
            mapping file is sent as the part `format` of a multipart/form-data body instead.
          schema: {type: string, enum: [auto, standard]}
      requestBody:
        required: true
        description: >-
          The statement as CSV (at most 16 MiB), or a form whose part `statement` is the CSV and
          whose optional part `format` is a JSON mapping file (at most 64 KiB; an empty part is
          no mapping file). Other parts are refused with 400.
        content:
          text/csv:
            schema: {type: string}
            example: "date,description,amount\n2025-09-02,Direct payment,1041.67\n"
          multipart/form-data:
            schema:
              type: object
              required: [statement]
              additionalProperties: false
              properties:
                statement: {type: string, contentMediaType: text/csv, description: The statement file.}
                format:
                  type: string
                  contentMediaType: application/json
                  description: >-
                    A mapping file (SPEC 7.1), for example {"date":"Transaction Date",
                    "date_format":"DD/MM/YYYY","description":"Details","paid_out":"Money Out","paid_in":"Money In"}.
            encoding:
              statement: {contentType: "text/csv, application/octet-stream"}
              format: {contentType: "application/json, application/octet-stream"}
      responses:
        "200":
          description: The reconciliation (SPEC 7); with post=true its event is recorded (or was already).
          headers:
            X-Ledger-Seq: {$ref: "#/components/headers/LedgerSeq"}
          content:
            application/json:
              schema:
                type: object
                required: [budget, pot, period_start, period_end, matched, statement_only, ledger_only, expected,
                           statement_balance, variance, status, surplus]
        "422":
          description: The reconciliation event was rejected; the `post --json` lines.
          content:
            application/x-ndjson:
              schema: {type: string}
        "400": {$ref: "#/components/responses/BadRequest"}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "408": {$ref: "#/components/responses/Timeout"}
        "413": {$ref: "#/components/responses/TooLarge"}
        "415": {$ref: "#/components/responses/UnsupportedMediaType"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /v1/report:
    get:
      operationId: report
      summary: The commissioner's report for a period, as `report --json` (finance, auditor).
      parameters:
        - {name: from, in: query, required: true, schema: {type: string, format: date}}
        - {name: to, in: query, required: true, schema: {type: string, format: date}}
        - {$ref: "#/components/parameters/AsOfSeq"}
        - {$ref: "#/components/parameters/KnownAt"}
        - {name: surplus_weeks, in: query, schema: {type: integer, minimum: 0, maximum: 520}}
      responses:
        "200":
          description: The report.
          headers:
            X-Ledger-Seq: {$ref: "#/components/headers/LedgerSeq"}
          content:
            application/json:
              schema: {type: object}
        "400": {$ref: "#/components/responses/BadRequest"}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /v1/digest:
    get:
      operationId: digest
      summary: As `digest --json` (finance, auditor).
      parameters:
        - {$ref: "#/components/parameters/AsOfSeq"}
      responses:
        "200":
          description: The balance sheet's fingerprint.
          headers:
            X-Ledger-Seq: {$ref: "#/components/headers/LedgerSeq"}
          content:
            application/json:
              schema:
                type: object
                required: [as_of_seq, balances_sha256, chain_hash]
                additionalProperties: false
                properties:
                  as_of_seq: {type: integer, minimum: 0}
                  balances_sha256: {type: string, pattern: "^[0-9a-f]{64}$"}
                  chain_hash: {type: string, pattern: "^[0-9a-f]{64}$"}
        "400": {$ref: "#/components/responses/BadRequest"}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /v1/verify:
    post:
      operationId: verify
      summary: As `verify --json` (finance, auditor); 200 with "ok":false on a mismatch.
      responses:
        "200":
          description: The chain and the projections checked.
          headers:
            X-Ledger-Seq: {$ref: "#/components/headers/LedgerSeq"}
          content:
            application/json:
              schema:
                type: object
                required: [ok, events, budgets, first_bad_event, projection_mismatches]
                additionalProperties: false
                properties:
                  ok: {type: boolean}
                  events: {type: integer, minimum: 0}
                  budgets: {type: integer, minimum: 0}
                  first_bad_event: {type: [string, "null"]}
                  projection_mismatches: {type: array, items: {type: string}}
        "401": {$ref: "#/components/responses/Unauthenticated"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "503": {$ref: "#/components/responses/Unavailable"}
  /metrics:
    get:
      operationId: metrics
      summary: Prometheus text (any user).
      responses:
        "200":
          description: Requests by route template and status, latency histograms, events appended, commits, last seq.
          content:
            text/plain:
              schema: {type: string}
        "401": {$ref: "#/components/responses/Unauthenticated"}
components:
  securitySchemes:
    bearer:
      type: http
      scheme: bearer
      description: A token from `budget-ledger users add` or `users rotate`.
  headers:
    LedgerSeq:
      description: The last seq of the snapshot the answer was computed from.
      schema: {type: string, pattern: "^[0-9]+$"}
  parameters:
    Budget:
      {name: budget, in: path, required: true, example: PHB-0005, schema: {type: string, pattern: "^[A-Za-z0-9._-]{1,64}$"}}
    AsOfSeq:
      {name: as_of_seq, in: query, schema: {type: integer, minimum: 0}}
    AsOfDate:
      {name: as_of_date, in: query, schema: {type: string, format: date}}
    KnownAt:
      {name: known_at, in: query, schema: {type: string}, description: "RFC 3339, or a date meaning its end"}
  schemas:
    Error:
      type: object
      required: [error]
      additionalProperties: false
      properties:
        error:
          type: object
          required: [code, message]
          additionalProperties: false
          properties:
            code:
              enum: [bad_request, unauthenticated, forbidden, unknown_budget, not_found, too_large,
                     unsupported_media_type, timeout, unavailable]
            message: {type: string}
    Money: {type: string, pattern: "^-?[0-9]+\\.[0-9]{2}$"}
    Totals:
      type: object
      required: [allocated, committed, spent, recovered, remaining]
      properties:
        allocated: {$ref: "#/components/schemas/Money"}
        committed: {$ref: "#/components/schemas/Money"}
        spent: {$ref: "#/components/schemas/Money"}
        recovered: {$ref: "#/components/schemas/Money"}
        remaining: {$ref: "#/components/schemas/Money"}
    Balance:
      type: object
      required: [budget, person, holding_model, status, version, pots, totals]
      properties:
        budget: {type: string}
        person: {type: string}
        holding_model: {enum: [notional, third_party, direct_payment, mixed]}
        status: {enum: [open, closed]}
        version: {type: integer, minimum: 0}
        pots: {type: object}
        totals: {$ref: "#/components/schemas/Totals"}
  responses:
    BadRequest:
      description: A malformed query parameter, header or body.
      content:
        application/json:
          schema: {$ref: "#/components/schemas/Error"}
    Unauthenticated:
      description: No token, or an unknown or revoked one.
      content:
        application/json:
          schema: {$ref: "#/components/schemas/Error"}
    Forbidden:
      description: The role may not do this.
      content:
        application/json:
          schema: {$ref: "#/components/schemas/Error"}
    NotFound:
      description: No such budget, or not one the caller may see (unknown_budget).
      content:
        application/json:
          schema: {$ref: "#/components/schemas/Error"}
    Timeout:
      description: The request took longer than --request-timeout; nothing of it was written.
      content:
        application/json:
          schema: {$ref: "#/components/schemas/Error"}
    TooLarge:
      description: A body over --max-body, or a line (array element) over 64 KiB.
      content:
        application/json:
          schema: {$ref: "#/components/schemas/Error"}
    UnsupportedMediaType:
      description: A body type the route does not take.
      content:
        application/json:
          schema: {$ref: "#/components/schemas/Error"}
    Unavailable:
      description: The ledger cannot be used (storage full, clock behind) or --max-connections is reached.
      headers:
        Retry-After:
          schema: {type: string}
      content:
        application/json:
          schema: {$ref: "#/components/schemas/Error"}
"""#
}
