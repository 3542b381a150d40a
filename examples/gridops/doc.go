// Command gridops is a community grid health service server (社区网格健康
// 服务): it embeds jiceng's grid package, whose register and alert engine
// do the domain work, and adds HTTP, persistence in SQLite and alerts as
// Server-Sent Events, one stream per recipient.
//
// # Running
//
//	go run ./examples/gridops -demo
//
// seeds one community grid (古楼街道东关社区第1网格, 371502001001) with its
// "1+1+1+N" team, 60 households and 92 residents with varied data
// authorisations, generates a pseudonymisation key and a token per demo
// recipient, and prints them with curl commands to try. In production:
//
//	gridops -addr 127.0.0.1:8081 -db /var/lib/gridops/gridops.db -tokens tokens.csv
//
// with the key in JICENG_PSEUDONYM_KEY (or -key): at least 32 random bytes
// in hexadecimal (openssl rand -hex 32), the same key as the platform's
// other services so that pseudonyms link, kept out of the database.
//
// Flags:
//
//	-addr HOST:PORT  address to listen on (127.0.0.1:8081)
//	-db FILE         SQLite database (jiceng-gridops.db), created on first start, WAL mode
//	-key HEX         pseudonymisation key (default $JICENG_PSEUDONYM_KEY)
//	-tokens FILE     bearer tokens, CSV: token,recipient,role,grids
//	-max-streams N   event streams one token may hold open at once (4)
//	-demo            seed the demo grid, add demo tokens, print how to try it
//
// # Tokens and recipients
//
// Every request but /healthz carries "Authorization: Bearer TOKEN".
// /healthz, open to anyone for liveness checks, says {"status":"ok"} and
// nothing else: not the size of the log nor the number of alerts. The
// server has no /metrics endpoint; what it counts would tell a stranger
// how busy a community's alerts are, so one added later must ask for a
// token, unless -demo opens it.
//
// The tokens file names, for each token, a recipient, its role and the
// grids it is bound to, IDs of grid records separated by spaces:
//
//	token,recipient,role,grids
//	6f1c…(16+ characters),gateway,operator,
//	93ab…,D1,family-doctor,
//	0c77…,W1,grid-worker,g1
//	a41e…,W2,grid-worker,g2
//	5d09…,E1,emergency-team,g1 g2
//
// Binding is by grid: with two grids, each grid's worker hears of its
// own residents only. A grid worker must be bound to its grids. The
// community health service centre, the emergency contact team and a
// target-group channel may be, and are otherwise bound to every grid of
// the server. The operator, the family doctor, the grid leader and the
// family take no grids: the team records and the households bind them.
// The older header token,recipient,role is still read, with no grids: a
// row of a grid worker is then refused, and the server does not start,
// until its grids are given. A recipient has one role and one list of
// grids whatever the number of its tokens, and no recipient or grid ID
// may hold a citizen ID number. Lines starting with # are comments; a
// byte order mark before the header, as some editors write, is ignored.
//
// The role "operator" posts records, events and readings and receives no
// alerts. Every other role is one of grid's recipients, and its token
// reads alerts: a family doctor or grid leader is the team member with
// that ID and role in a grid's team record and hears about that grid; a
// "family" recipient is a household record's ID and hears about that
// household; a grid worker hears about the grids it is bound to; the
// community health service centre, the emergency contact team and a
// target-group channel hear about the grids they are bound to, or every
// grid of the server if bound to none. An incidence alert, about a
// division, reaches a recipient bound to grids when one of them lies in
// the division. Its stream, GET /v1/alerts and the actions on alerts
// follow: a recipient lists and acts on only the alerts it was told of.
// A missing or unknown token is 401, a role that may not do something
// 403.
//
// # Endpoints
//
// Requests and answers are JSON; every error is an RFC 9457 problem
// document (application/problem+json) with a stable "code", the values it
// concerns in "params", and a title and a detail in the language of
// Accept-Language: zh-Hans by default, zh-Hant or en, as Content-Language
// says. Every text the server shows is the message of a registered issue
// code, in the three languages; a list, such as the values a parameter
// takes, is written as a list of the language (open、closed、all).
//
//	POST /v1/register           grid, building, household, resident, gridTeam records
//	POST /v1/events             householdVisit, campaign, loopEvent, caseReport records
//	POST /v1/readings           device readings: a JSON array
//	GET  /v1/alerts?status=     the caller's alerts: open (default), closed or all
//	POST /v1/alerts/{id}/ack    acknowledge, in the caller's own name and role
//	POST /v1/alerts/{id}/close  close, for a role responsible for the alert
//	GET  /v1/alerts/stream      the caller's notifications as Server-Sent Events
//	GET  /healthz               200 {"status":"ok"} when the database answers
//
// Records go through healthedu's decoder and validator (one JSON document,
// a JSON array, or NDJSON) and then grid.Register.Add, or the engine for
// a case report. The answer is an import summary: status (success,
// warning, error), counts, the issues with index, line, record ID, JSON
// Pointer, code and a message in the language of Accept-Language (zh-Hans
// by default, zh-Hant, en), the indexes of the rejected records, and the
// pseudonym of each resident accepted — what a device gateway addresses
// readings with. The answer is 200 when some record was accepted; when
// every one was rejected, as the platform's intake answers, it is 422, a
// problem import.rejected whose member "summary" is the import summary;
// a request without any record is 400 request.empty. The same goes for
// readings:
//
//	curl -H "Authorization: Bearer $OPERATOR" -H 'Accept-Language: en' \
//	  --data-binary @register.ndjson http://127.0.0.1:8081/v1/register
//
//	curl -H "Authorization: Bearer $OPERATOR" http://127.0.0.1:8081/v1/events -d '
//	  {"schemaVersion":"1","kind":"caseReport","id":"cr-1","division":"371502001",
//	   "disease":"influenza","at":"2025-10-17T09:00:00+08:00","cases":6}'
//
// Readings are grid.Reading objects, checked one by one, each reporting
// every fault it has (an unknown member, a wrong type, a kind outside the
// enumeration, a missing member…) and not the first only; a reading taken
// outside the years the alert engine works in (2000 to 2199) is rejected
// (reading.timeRange):
//
//	curl -H "Authorization: Bearer $OPERATOR" http://127.0.0.1:8081/v1/readings -d '[
//	  {"resident":"9f2c…","kind":"blood-pressure","at":"2025-10-17T08:00:00+08:00","systolic":154,"diastolic":76},
//	  {"resident":"9f2c…","kind":"outing","at":"2025-10-17T08:05:00+08:00"},
//	  {"resident":"41d0…","kind":"fall","at":"2025-10-17T08:06:00+08:00"}]'
//
// # Alerts as Server-Sent Events
//
//	curl -N -H "Authorization: Bearer $DOCTOR" 'http://127.0.0.1:8081/v1/alerts/stream?recipient=D1'
//
//	id: 1
//	event: alert
//	data: {"alert":1,"rule":"blood-pressure","kind":"blood-pressure","reason":"raised","recipient":"family-doctor",
//	       "severity":"warning","at":"…","occurred":"…","resident":"9f2c…","household":"h01","grid":"g1",
//	       "bloodPressure":{"systolic":154,"diastolic":76}}
//
// A recipient listens only to its own stream (recipient, if given, is the
// caller's ID or role). The event data is the grid.Notification the engine
// sent, field for field: the engine enforces consent, so a family doctor
// hears about a resident's blood pressure only while the resident shares
// with medical institutions, and a grid worker's no-outing alert carries
// no medical value. Events already sent and kept for reconnecting clients
// are shown again only while the resident's authorisation still covers
// the recipient, and so are events on their way to a live stream. GET
// /v1/alerts follows the same rule, and so do the answers to an
// acknowledgement or a closing: an alert the caller may no longer see is
// refused as one it was never told of (404 alert.unknown), and nothing of
// it changes.
//
// # Acknowledging and closing alerts
//
// Each recipient's acknowledgement is its own: every recipient told of
// an alert may acknowledge it once, whoever else has (a second time is
// 409 alert.acknowledged), and the listing shows every acknowledgement,
// with who, in which role and when. The roles responsible for an alert
// are those of its rule's recipients, told at once or on escalation, who
// act as staff (grid.Rule.Responsible):
//
//	blood-pressure    family-doctor, community-health-centre
//	no-outing         grid-worker, grid-leader
//	fall              emergency-team, grid-leader (not the family)
//	respiratory-rise  target-group (the push channel: the rule names no staff)
//
// The first acknowledgement by a responsible role stops the escalation
// and makes the alert's status "acknowledged"; the family's
// acknowledgement of a fall says it has heard and does not stop it, so
// the grid leader is still told after 10 minutes unless the emergency
// team acknowledges. Only a responsible role may close an alert (403
// alert.closeForbidden otherwise, naming the roles); a closed alert is
// 409 alert.closed to everyone.
//
// A token holds at most -max-streams streams open at once (4 by default:
// a phone, a desktop, a tablet, and one more while a client reconnects);
// one more is 429 stream.tooMany with Retry-After, the heartbeat of the
// streams (15 s), by when the server has noticed a connection that died
// without closing.
//
// Event IDs number the engine's notifications. A client that reconnects
// with Last-Event-ID (browsers' EventSource does so by itself) receives
// what it missed and nothing twice, across restarts too, as long as the
// events are among the last 1,024 of its stream; otherwise an event "gap"
// tells it to read GET /v1/alerts.
//
// # Persistence
//
// The database holds a table log: what the server applied, in order, with
// the time of its clock — the accepted records, the batches of readings,
// acknowledgements, closings, and the moments the clock fired a rule —
// and a table meta with a check value of the key (not the key). A request
// is logged, in one transaction, before it is applied. On start the
// server replays the log through a new register and engine, which are
// deterministic given their inputs and clock, and so returns to the same
// register, alerts and notifications. An acknowledgement or a closing is
// logged with who acted and in which role ({"alert":3,"by":"E1",
// "as":"emergency-team"}); an entry without a role, from an older log,
// replays as it was applied then. A resident record is logged with its
// citizen ID number sealed (AES-256-GCM under a key derived from the
// pseudonymisation key): the register needs the number to compute the
// pseudonym again, and neither the number nor the key is stored in clear.
// A record that holds a citizen ID number anywhere else — an ID, a
// reference, a door, a name, a member name — however it is written
// (full-width, grouped by spaces or hyphens, glued to letters, with JSON
// escapes) is refused (record.citizenIdInText), and so is a tokens file
// whose recipient or grid IDs hold one. Logs (log/slog, JSON on standard
// error) pass through healthedu.NewRedactingHandler, and every text and
// param of an answer through healthedu.RedactCitizenIDs: no answer, log
// line or stored entry holds a citizen ID number in clear.
//
// # Time
//
// The engine never reads the clock: the server gives it the time of the
// entry being applied, and lets time pass every 10 seconds so that the
// no-outing rule (12 hours without going out) and escalations fire when
// no request comes. Tests give the server a fake clock.
package main
