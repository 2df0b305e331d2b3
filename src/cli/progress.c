/* The progress bar; see progress.h. The walk runs in parallel with the analysis, so the
 * total is not known up front: the bar shows files done against files done plus work still
 * queued, which converges as the walk completes. */
#include "cli/progress.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BAR_WIDTH 30

static double mono(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Set in CI jobs: CI by most services (GitHub Actions, GitLab, CircleCI, Travis, Buildkite,
 * Bitbucket, Drone, Woodpecker); the others each have their own: Azure Pipelines, Jenkins,
 * TeamCity, AWS CodeBuild. A job's log can still be a terminal (docker -t, `script`), and a
 * bar there is noise repeated on every line of the log. */
static const char *const ci_vars[] = {"CI", "TF_BUILD", "JENKINS_URL", "TEAMCITY_VERSION", "CODEBUILD_BUILD_ID"};

bool ms_progress_wanted(FILE *out) {
  for (size_t i = 0; i < sizeof ci_vars / sizeof ci_vars[0]; i++) {
    const char *v = getenv(ci_vars[i]);
    if (v && v[0]) return false;
  }
  const char *term = getenv("TERM");
  if (term && strcmp(term, "dumb") == 0) return false;
  return isatty(fileno(out));
}

void ms_progress_init(ms_progress *self, FILE *out) {
  self->out = out;
  self->started = mono();
  const char *d = getenv("MS_PROGRESS_DELAY_MS"); /* tests shorten the one-second delay */
  self->delay = d && d[0] ? atof(d) / 1000.0 : 1.0;
  self->drawn = false;
}

void ms_progress_update(uint32_t files_done, uint32_t queued, void *payload) {
  ms_progress *self = payload;
  if (mono() - self->started < self->delay) return;
  uint64_t total = (uint64_t)files_done + queued;
  uint32_t filled = total ? (uint32_t)((uint64_t)files_done * BAR_WIDTH / total) : 0;
  char bar[BAR_WIDTH + 1];
  memset(bar, '#', filled);
  memset(bar + filled, '.', BAR_WIDTH - filled);
  bar[BAR_WIDTH] = '\0';
  fprintf(self->out, "\r\033[K[%s] %u files scanned, %u queued", bar, files_done, queued);
  fflush(self->out);
  self->drawn = true;
}

void ms_progress_finish(ms_progress *self) {
  if (!self->drawn) return;
  fputs("\r\033[K", self->out);
  fflush(self->out);
  self->drawn = false;
}
