# bash completion for notice-gen: verbs, each verb's options, template
# names (asked from `notice-gen templates`), formats and files.
_notice_gen()
{
	local cur prev verb i
	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	verb=render
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		render|check|batch|snapshot|init|templates|help|watch) verb=${COMP_WORDS[i]}; break ;;
		-*) ;;
		*) break ;;
		esac
	done
	case $prev in
	-t|--template)
		COMPREPLY=($(compgen -W "$(notice-gen templates 2>/dev/null | cut -f1)" -- "$cur"))
		compopt -o filenames 2>/dev/null
		COMPREPLY+=($(compgen -f -X '!*.tmpl' -- "$cur") $(compgen -d -- "$cur"))
		return ;;
	-f|--format)
		case $verb in
		check) COMPREPLY=($(compgen -W "text json" -- "$cur")) ;;
		batch) COMPREPLY=($(compgen -W "pdf txt" -- "$cur")) ;;
		*) COMPREPLY=($(compgen -W "pdf txt md json text" -- "$cur")) ;;
		esac
		return ;;
	--dump) COMPREPLY=($(compgen -W "doc layout" -- "$cur")); return ;;
	-j|--jobs|--shard|--encoding|--column|--count) return ;;
	-d|--dir|--template-dir) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -d -- "$cur")); return ;;
	-o|--output|-c|--clients|--merge|--user-password-file|--owner-password-file|--junit)
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	esac
	local opts
	case $verb in
	render) opts="--output --template --format --dump --encrypt --user-password-file
		--owner-password-file --pdfa --help" ;;
	watch) opts="--output --template --format --count --help" ;;
	check) opts="--format --help" ;;
	batch) opts="--clients --output --template --template-dir --jobs --shard --merge --encoding --column
		--force --resume --quiet --format --encrypt --generate-passwords
		--owner-password-file --pdfa --help" ;;
	snapshot) opts="--update --dir --strict --png --junit --help" ;;
	init) opts="--template --help" ;;
	templates) opts="--help" ;;
	help) COMPREPLY=($(compgen -W "render check batch snapshot init templates help watch" -- "$cur"))
		return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
	elif ((i >= COMP_CWORD)) && [[ $verb == render ]]; then
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -W "render check batch snapshot init templates help watch" -- "$cur")
			$(compgen -f -X '!*.y*ml' -- "$cur") $(compgen -d -- "$cur"))
	else
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -f -X '!*.y*ml' -- "$cur") $(compgen -d -- "$cur"))
	fi
}
complete -F _notice_gen notice-gen
