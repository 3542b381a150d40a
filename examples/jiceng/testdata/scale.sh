#!/bin/sh
# scale.sh: how "jiceng validate" and "jiceng indicators" grow with the
# input, as the README's "At scale" reports. It generates five provinces
# (山东 37, 贵州 52, 内蒙古 15, 河南 41, 广东 44: 8,931 townships, twelve
# months to November 2025, about 1.1 GB in all) into a directory, then
# validates and aggregates the first 1, 2, 3, 4 and 5 of them, and 山东
# read twice (twice the records, the same divisions and ids), and prints
# for each the records, the megabytes read, and the wall time, CPU time
# (user) and peak resident memory (GNU time's maximum resident set size)
# of both commands. On a shared machine the CPU time is the steadier
# figure.
#
# Usage, from the examples module: sh jiceng/testdata/scale.sh [DIR]
# (DIR defaults to a new temporary directory; files already there are
# reused). Needs /usr/bin/time (GNU).
set -eu
dir=${1:-$(mktemp -d)}
bin=$dir/jiceng
go build -o "$bin" ./jiceng
provinces="37 52 15 41 44"
for p in $provinces; do
	[ -s "$dir/$p.ndjson" ] || "$bin" generate -under "$p" -months 12 -end 202511 -o "$dir/$p.ndjson"
done
now=2025-12-31T00:00:00+08:00
printf 'provinces\trecords\tMB\tvalidate_s\tvalidate_cpu_s\tvalidate_MB\tindicators_s\tindicators_cpu_s\tindicators_MB\n'
measure() {
	label=$1
	shift
	records=$(cat "$@" | wc -l)
	mb=$(cat "$@" | wc -c | awk '{printf "%.0f", $1 / 1048576}')
	/usr/bin/time -f '%e %U %M' -o "$dir/time.v" "$bin" validate -now "$now" "$@" >/dev/null 2>&1 || true
	/usr/bin/time -f '%e %U %M' -o "$dir/time.i" "$bin" indicators -level city -period 2025 -now "$now" -format json "$@" >/dev/null 2>"$dir/indicators.err"
	read -r vs vu vk <"$dir/time.v"
	read -r is iu ik <"$dir/time.i"
	printf '%s\t%d\t%s\t%s\t%s\t%d\t%s\t%s\t%d\n' "$label" "$records" "$mb" "$vs" "$vu" $((vk / 1024)) "$is" "$iu" $((ik / 1024))
}
files=
n=0
for p in $provinces; do
	files="$files $dir/$p.ndjson"
	n=$((n + 1))
	# shellcheck disable=SC2086 # the list of files, split on purpose
	measure "$n" $files
done
measure "37x2" "$dir/37.ndjson" "$dir/37.ndjson"
