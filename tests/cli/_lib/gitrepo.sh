# Shell helpers for cases that need a git repository (source it from a cmd file:
# `. "$ROOT/tests/cli/_lib/gitrepo.sh"`). git runs isolated from the user's and the system's
# configuration, with a fixed identity and dates, so commits are reproducible.
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.com GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.com
export GIT_AUTHOR_DATE="2026-01-01T00:00:00Z" GIT_COMMITTER_DATE="2026-01-01T00:00:00Z"

# git_init DIR: a new repository with branch main.
git_init() {
  git init -q -b main "$1"
}

# git_commit DIR MESSAGE: stages everything and commits.
git_commit() {
  git -C "$1" add -A && git -C "$1" commit -q -m "$2"
}
