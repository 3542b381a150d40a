package main

import (
	"context"
	"time"

	"github.com/jiceng/jiceng/approval"
	"github.com/jiceng/jiceng/healthedu"
)

// A store keeps what the platform accepted (数据存储): the records, the
// periods an administrator unlocked, the steps of data approval, and the
// first answer to each Idempotency-Key. sqlStore implements it on SQLite and on PostgreSQL with
// one schema; the tests wrap it to make it fail.
type store interface {
	// Begin starts the transaction in which one submission is stored, so
	// that a submission is stored whole or not at all.
	Begin(ctx context.Context) (storeTx, error)

	// Records calls fn with each stored record whose division lies within
	// scope, the zero DivisionCode meaning all of them, in the order of
	// division, kind, id and submitter. A row whose submitter, division or
	// period column cannot be read is passed too, with Err set, so that
	// one row cannot stop a read. An error from fn stops the scan and is
	// returned.
	Records(ctx context.Context, scope healthedu.DivisionCode, fn func(*storedRecord) error) error

	// RecordsOfKind is Records for the records of one kind only, such as
	// the rectification items (see ledger.go), in the order of division
	// and id.
	RecordsOfKind(ctx context.Context, kind healthedu.Kind, scope healthedu.DivisionCode, fn func(*storedRecord) error) error

	// RecordsWithID is Records for the records of one kind and id,
	// whatever their submitter, in the order of division and submitter:
	// the entries of the register of people, whose ids are the
	// platform's, looked up by id (see binding.go).
	RecordsWithID(ctx context.Context, kind healthedu.Kind, id string, fn func(*storedRecord) error) error

	// Count returns the number of stored records within scope.
	Count(ctx context.Context, scope healthedu.DivisionCode) (int64, error)

	// Generation returns a number that changes whenever a committed
	// transaction has changed a record, so that what was computed from the
	// records can be kept until then.
	Generation(ctx context.Context) (int64, error)

	// Unlocks returns the unlocks in force at now. A row whose division or
	// period cannot be read is returned too, with Err set.
	Unlocks(ctx context.Context, now time.Time) ([]unlock, error)
	// SetUnlock records u, replacing an unlock of the same division and
	// period.
	SetUnlock(ctx context.Context, u unlock) error
	// DeleteUnlock removes the unlock of the division and period, and
	// reports whether there was one.
	DeleteUnlock(ctx context.Context, d healthedu.DivisionCode, p healthedu.Period) (bool, error)

	// Approvals returns the stored approvals of dataSet whose division
	// lies within scope, the zero DivisionCode meaning all of them, for
	// month p, or for every month when p is the zero Period, in the order
	// of division and period, each with its history in order. A key with
	// a row that cannot be read is returned too, with Err set.
	Approvals(ctx context.Context, dataSet string, p healthedu.Period, scope healthedu.DivisionCode) ([]storedApproval, error)
	// Approval returns the stored approval of k, as Approvals would, and
	// whether there is one.
	Approval(ctx context.Context, k approval.Key) (storedApproval, bool, error)

	// Setting returns a value the server keeps between starts, and whether
	// it is set; SetSetting sets it once, keeping a value set before, and
	// returns the value in force.
	Setting(ctx context.Context, name string) (string, bool, error)
	SetSetting(ctx context.Context, name, value string) (string, error)

	// PurgeAnswers removes the saved answers created before t.
	PurgeAnswers(ctx context.Context, before time.Time) (int64, error)

	// overlaps reports whether submissions may store their rows while
	// the rest of them is being read (see storer), turns of them at once:
	// whether a transaction held open meanwhile keeps no other submission
	// waiting, and leaves a connection for the reads a submission makes
	// meanwhile (see approvalCheck).
	overlaps(turns int) bool

	// Ping checks that the database answers.
	Ping(ctx context.Context) error
	// Close closes the database.
	Close() error
}

// A storeTx is the transaction of one submission (提交事务).
type storeTx interface {
	// Upsert stores rows, all submitted by submitter, at now and returns
	// what became of each: a row whose kind and id the submitter has not
	// stored before is imported, one that differs from the stored row by
	// its hash replaces it (updated), and one with the same hash is
	// ignored. The rows must not repeat a kind and id.
	Upsert(ctx context.Context, submitter healthedu.DivisionCode, now time.Time, rows []storedRecord) ([]outcome, error)

	// Delete removes the record of kind and id that submitter stored, and
	// reports whether there was one (see store_datavaluesets.go).
	Delete(ctx context.Context, submitter healthedu.DivisionCode, kind healthedu.Kind, id string) (bool, error)

	// Record returns the stored record of kind and id, whatever its
	// submitter (the first by submitter), as the transaction sees it, and
	// whether there is one. Records keyed by id alone, the rectification
	// items, are read with it: on PostgreSQL the first call takes a
	// transaction-level lock, so that two submissions merging items one
	// after the other never both read the state before either.
	Record(ctx context.Context, kind healthedu.Kind, id string) (storedRecord, bool, error)

	// ApprovalHistory returns the stored steps of the approval of k, in
	// order, as the transaction sees it: none for a key never submitted.
	// On PostgreSQL the first call takes a transaction-level lock, so that
	// of two steps taken at once on a key, the second reads the history
	// with the first (see store_approvals.go); on SQLite the transaction
	// holds the write lock already.
	ApprovalHistory(ctx context.Context, k approval.Key) ([]approval.Event, error)
	// AddApprovalStep stores e as the step n of the history of k, n being
	// the number of steps before it; a step n stored already is an error.
	AddApprovalStep(ctx context.Context, k approval.Key, n int, e approval.Event) error

	// Answer returns the answer saved for the token's Idempotency-Key.
	Answer(ctx context.Context, token, key string) (savedAnswer, bool, error)
	// SaveAnswer saves the answer to a request with an Idempotency-Key
	// and reports whether it did: false when an answer under that token
	// and key was saved first, by a concurrent request.
	SaveAnswer(ctx context.Context, a savedAnswer) (bool, error)

	// Commit makes the transaction's changes permanent; Rollback drops
	// them, and does nothing after Commit.
	Commit() error
	Rollback() error
}

// A storedRecord is one record as stored (存储记录): its key (kind, id,
// submitter), the division and period it is for, and its canonical JSON,
// with every citizen ID masked, beside the keyed pseudonym of the citizen
// ID it names, and when the platform first received it.
type storedRecord struct {
	Kind      healthedu.Kind
	ID        string
	Submitter healthedu.DivisionCode
	Division  healthedu.DivisionCode
	Period    healthedu.Period
	Hash      string // hex SHA-256 of Body and Pseudonym
	Pseudonym string // hex, "" when the record names no citizen ID
	Body      []byte
	// Received is when the platform first stored the record (接收时间),
	// to the millisecond, in China Standard Time: an update keeps it. It
	// is set by store.Records and not read by storeTx.Upsert, which takes
	// the instant of the transaction.
	Received time.Time
	// Err, set by store.Records, says why a column of the row could not be
	// read; the fields it fills are then zero.
	Err error
}

// An outcome is what storing a record did (入库结果).
type outcome uint8

const (
	outcomeImported outcome = iota + 1 // new (新增)
	outcomeUpdated                     // replaced a different record (更新)
	outcomeIgnored                     // identical to the stored record (忽略)
)

// An unlock opens, until an instant, the periods within Period for the
// divisions within Division, which the lock would otherwise close
// (解锁).
type unlock struct {
	Division healthedu.DivisionCode `json:"division"`
	Period   healthedu.Period       `json:"period"`
	Until    time.Time              `json:"until"`
	By       string                 `json:"by"` // the administrator's token identity
	Created  time.Time              `json:"created"`
	// Err, set by store.Unlocks, says why a column of the row could not
	// be read.
	Err error `json:"-"`
}

// covers reports whether u opens the record of division d for period p.
func (u unlock) covers(d healthedu.DivisionCode, p healthedu.Period) bool {
	return u.Division.Contains(d) && (u.Period == p || u.Period.ContainsPeriod(p))
}

// A savedAnswer is the first answer to a request with an Idempotency-Key,
// kept to be replayed (幂等应答).
type savedAnswer struct {
	Token   string // identity of the token: hex SHA-256
	Key     string // the Idempotency-Key's keyed hash (see server.idempotencyKey), never the key
	Request string // hex SHA-256 of the request body, decompressed
	Status  int
	Body    []byte
	Created time.Time
}
