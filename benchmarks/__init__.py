"""`make bench`: median timings of the service's heavy pages and jobs on a large
partnership, in a database of their own (spm_bench). Each scenario is timed
against a baseline request in the same run, since these machines' speed drifts."""
