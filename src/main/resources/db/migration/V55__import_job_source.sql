-- The newest succeeded import of a source (ImportService.newestSucceeded, for FROM rewrites).
CREATE INDEX import_job_succeeded_source ON import_job (source, finished_at DESC, id DESC) WHERE status = 'Succeeded';
