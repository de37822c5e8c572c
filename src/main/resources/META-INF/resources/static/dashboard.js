/*
 * drydock dashboard: live updates without a build step.
 *
 * - Elements with data-live-src are fetched again (as an HTML fragment) when a server-sent event of a kind in
 *   their data-live-on arrives on /dashboard/events (optionally only for data-live-run / data-live-task /
 *   data-live-rule).
 * - A <pre data-log-src> follows a run's log while the run is active.
 * - <time data-ago> shows "3 min ago" and is kept current.
 * - The login page finds an existing session (a link from another site arrives without the SameSite cookie).
 * Every page works without this script; it only saves reloading.
 */
(function () {
  'use strict';

  var SCRIPT_HEADER = 'X-Drydock-Fragment';

  function toLogin() {
    location.assign('/login?next=' + encodeURIComponent(location.pathname + location.search));
  }

  function get(url) {
    var headers = {};
    headers[SCRIPT_HEADER] = '1';
    return fetch(url, { headers: headers, credentials: 'same-origin', cache: 'no-store' }).then(function (r) {
      if (r.status === 401) {
        toLogin();
        throw new Error('signed out');
      }
      if (!r.ok) {
        throw new Error('HTTP ' + r.status);
      }
      return r;
    });
  }

  /* Relative times, as the server words them. */
  function ago(iso) {
    var then = Date.parse(iso);
    if (isNaN(then)) {
      return null;
    }
    var seconds = Math.round((Date.now() - then) / 1000);
    var future = seconds < 0;
    var s = Math.abs(seconds);
    var span;
    if (s < 5) {
      return future ? 'in a moment' : 'just now';
    } else if (s < 60) {
      span = s + ' s';
    } else if (s < 3600) {
      span = Math.floor(s / 60) + ' min';
    } else if (s < 86400) {
      span = Math.floor(s / 3600) + ' h';
    } else {
      span = Math.floor(s / 86400) + ' d';
    }
    return future ? 'in ' + span : span + ' ago';
  }

  function refreshTimes(root) {
    (root || document).querySelectorAll('time[data-ago]').forEach(function (t) {
      var text = ago(t.getAttribute('datetime'));
      if (text) {
        t.textContent = text;
      }
    });
  }

  /* Live regions. */
  var regions = Array.prototype.slice.call(document.querySelectorAll('[data-live-src]'));
  var statusEl = document.getElementById('live-status');

  function setStatus(text, state) {
    if (statusEl) {
      statusEl.textContent = text;
      statusEl.setAttribute('data-state', state);
    }
  }

  function swap(region, html) {
    var active = document.activeElement;
    var focusedId = active && active.id && region.contains(active) ? active.id : null;
    region.innerHTML = html;
    refreshTimes(region);
    if (focusedId) {
      var again = document.getElementById(focusedId);
      if (again) {
        again.focus();
      }
    }
    region.setAttribute('data-updated', new Date().toISOString());
    region.dispatchEvent(new CustomEvent('drydock:updated', { bubbles: true }));
  }

  function refresh(region) {
    if (region.drydockTimer) {
      return;
    }
    // Events come in bursts (queued, started, running…): fetch once per burst.
    region.drydockTimer = setTimeout(function () {
      region.drydockTimer = null;
      get(region.getAttribute('data-live-src'))
        .then(function (r) { return r.text(); })
        .then(function (html) { swap(region, html); })
        .catch(function () { /* the next event or reconnect tries again */ });
    }, 200);
  }

  function concerns(region, kind, data) {
    var on = (region.getAttribute('data-live-on') || '').split(/\s+/);
    if (on.indexOf(kind) < 0) {
      return false;
    }
    var run = region.getAttribute('data-live-run');
    if (run && (!data || String(data.runId) !== run)) {
      return false;
    }
    var task = region.getAttribute('data-live-task');
    if (task && (!data || data.task !== task)) {
      return false;
    }
    var rule = region.getAttribute('data-live-rule');
    if (rule && (!data || data.rule !== rule)) {
      return false;
    }
    return true;
  }

  // Regions with data-live-every (ms) are fetched again on that timer while the tab is visible: import progress is
  // stored by the workers, not announced as an event.
  regions.forEach(function (region) {
    var every = parseInt(region.getAttribute('data-live-every') || '0', 10);
    if (every > 0) {
      setInterval(function () {
        if (!document.hidden && region.querySelector('[data-active]')) {
          refresh(region);
        }
      }, every);
    }
  });

  function connect() {
    var source = new EventSource('/dashboard/events');
    var connectedBefore = false;
    source.addEventListener('ready', function () {
      setStatus('Live', 'live');
      if (connectedBefore) {
        // Back after a gap: what happened meanwhile is in the current state.
        regions.forEach(refresh);
      }
      connectedBefore = true;
    });
    ['run', 'base', 'cache-rule'].forEach(function (kind) {
      source.addEventListener(kind, function (e) {
        var data = null;
        try {
          data = JSON.parse(e.data);
        } catch (ignored) {
          data = null;
        }
        regions.forEach(function (region) {
          if (concerns(region, kind, data)) {
            refresh(region);
          }
        });
        window.dispatchEvent(new CustomEvent('drydock:event', { detail: { kind: kind, data: data } }));
      });
    });
    source.onerror = function () {
      setStatus('Reconnecting…', 'down');
      if (source.readyState === EventSource.CLOSED) {
        // The browser gives up on a non-200 answer (e.g. signed out): find out which.
        fetch('/login/session', { credentials: 'same-origin', cache: 'no-store' }).then(function (r) {
          if (r.status === 401) {
            toLogin();
          } else {
            setTimeout(connect, 3000);
          }
        }).catch(function () { setTimeout(connect, 5000); });
      }
    };
  }

  /* A run's log. */
  function appendLine(log, line) {
    var row = document.createElement('span');
    row.className = 'log-line';
    row.setAttribute('data-seq', line.seq);
    var time = document.createElement('time');
    time.setAttribute('datetime', line.at);
    time.textContent = line.time;
    row.appendChild(time);
    row.appendChild(document.createTextNode(' ' + line.text + '\n'));
    log.appendChild(row);
  }

  function followLog(log) {
    var after = Number(log.getAttribute('data-after') || 0);
    function poll() {
      get(log.getAttribute('data-log-src') + '?after=' + after)
        .then(function (r) { return r.json(); })
        .then(function (chunk) {
          var atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 16;
          if (chunk.lines.length) {
            var empty = log.querySelector('.log-empty');
            if (empty) {
              empty.remove();
            }
            chunk.lines.forEach(function (line) { appendLine(log, line); });
            if (atBottom) {
              log.scrollTop = log.scrollHeight;
            }
          }
          after = chunk.last;
          log.setAttribute('data-after', String(after));
          if (chunk.finished && chunk.lines.length === 0) {
            log.setAttribute('data-active', 'false');
            return;
          }
          setTimeout(poll, chunk.lines.length ? 300 : 1000);
        })
        .catch(function () { setTimeout(poll, 3000); });
    }
    poll();
  }

  /* The login page: already signed in? */
  function probeSession(form) {
    fetch('/login/session', { credentials: 'same-origin', cache: 'no-store' }).then(function (r) {
      if (r.status === 204) {
        location.replace(form.getAttribute('data-next') || '/');
      }
    }).catch(function () { /* stay on the form */ });
  }

  document.addEventListener('DOMContentLoaded', function () {
    refreshTimes(document);
    setInterval(function () { refreshTimes(document); }, 30000);
    if (regions.length && window.EventSource) {
      setStatus('Connecting…', 'down');
      connect();
    }
    var log = document.querySelector('pre[data-log-src]');
    if (log) {
      log.scrollTop = log.scrollHeight;
      if (log.getAttribute('data-active') === 'true') {
        followLog(log);
      }
    }
    var probe = document.querySelector('form[data-session-probe]');
    if (probe) {
      probeSession(probe);
    }
  });
}());
