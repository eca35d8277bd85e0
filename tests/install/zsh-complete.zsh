# zsh-complete.zsh COMPLETION_DIR OUT LINE... — run with `zsh -f`: types
# each LINE into an interactive zsh (in a pseudo-terminal, zsh/zpty) whose
# compinit found the completions in COMPLETION_DIR, presses Tab, and writes
# to OUT, under a line ">>> LINE", every match the completion functions
# added (compadd is wrapped to record them); "<<<" ends OUT. The shell's
# own errors (a completion function that fails) go to OUT.errors.
zmodload zsh/zpty || exit 1
export NG_COMP_DIR=$1 NG_COMP_OUT=$2
shift 2
: >$NG_COMP_OUT
: >$NG_COMP_OUT.errors
# The interactive shell's setup: emacs keys, no prompt, no list that asks
# before it shows; every compadd that adds matches (not one that only
# filters or collects: -O, -A, -D) records them first; Tab completes, then
# shows a mark the driver waits for (computed, so the echo of the typed
# line never contains it).
cat >$NG_COMP_OUT.rc <<'EOF'
bindkey -e
PS1='' PS2='' LISTMAX=100000
unsetopt AUTO_LIST BEEP
fpath=($NG_COMP_DIR $fpath)
autoload -Uz compinit && compinit -u -D
compadd() {
	local -a got
	if (( ${@[(I)-[ODA]]} == 0 )); then
		builtin compadd -O got "$@"
		print -rl -- $got >>$NG_COMP_OUT
	fi
	builtin compadd "$@"
}
ng-complete() { zle complete-word 2>>$NG_COMP_OUT.errors; zle -M "MARK$((6*7))"; }
zle -N ng-complete
bindkey '^I' ng-complete
EOF
zpty z zsh -f -i
zpty -w z "source ${(q)NG_COMP_OUT}.rc"
for line in "$@"; do
	zpty -w z "print -r -- '>>> '${(q)line} >>\$NG_COMP_OUT"
	zpty -w -n z "$line"$'\t'
	zpty -r z reply '*MARK42*'
	zpty -w z $'\C-u'
done
zpty -w z "print -r -- '<<<' >>\$NG_COMP_OUT; print DONE\$((6*7))"
zpty -r z reply '*DONE42*'
zpty -d z
rm -f $NG_COMP_OUT.rc
