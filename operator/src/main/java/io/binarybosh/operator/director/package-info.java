/**
 * The BOSH Director API client.
 *
 * <h2>Use</h2>
 * {@code client.HttpDirectorClientFactory} creates one
 * {@link io.binarybosh.operator.director.DirectorClient} per {@link io.binarybosh.operator.director.DirectorEndpoint}:
 * the calls the operator makes, split into {@link io.binarybosh.operator.director.DirectorReads} (GETs that change
 * nothing) and {@link io.binarybosh.operator.director.DirectorActions} (tasks started, waited for or cancelled, and
 * resurrection paused). The concrete {@code client.HttpDirectorClient} also speaks the routes the operator does not
 * call.
 * A client is thread-safe and is closed with {@code close()}; the clients of one factory share its JSON codec and
 * its OkHttp connection pool (idle connections kept 60 s), each with its own endpoint's TLS trust. Calls return
 * records from {@code .model}; calls that start a director task return its id, and
 * {@code waitForTask(id, timeout)} follows it to the end.
 *
 * <h2>Protocol (see {@code docs/bosh-director-api.md})</h2>
 * <ul>
 *   <li>Always HTTPS, port 25555 unless the URL names one. Only the endpoint's CA PEM is trusted (also for UAA);
 *       host names and IPs are checked against the certificate's SANs. A CA that is not PEM fails at
 *       {@code create} with {@link io.binarybosh.operator.director.DirectorCaCertificateException}.</li>
 *   <li>Auth is chosen from the anonymous {@code GET /info} on first use: basic with the credentials, or UAA
 *       client credentials ({@code POST <uaa>/oauth/token}); the token is reused until 60 s before it expires
 *       and fetched again once when the director answers 401.</li>
 *   <li>Each route gets its exact {@code Content-Type} (a wrong one is a 404 on a real director). Redirects are
 *       never followed: the task id is read from the {@code Location} of the 302/303. Task-creating calls send
 *       {@code X-Bosh-Context-Id}; a director keeps it only on deploy/job-state/delete tasks, so other tasks are
 *       found again with {@code GET /tasks?deployment=..&verbose=2} and their description.</li>
 *   <li>GETs, {@code DELETE /task/:id} and {@code PUT /resurrection} are retried with exponential backoff and
 *       jitter on transport errors, GETs also on 5xx. POSTs and task-creating PUTs are sent exactly once.</li>
 *   <li>Tasks are polled like the CLI does: {@code GET /tasks/:id}, then event output with
 *       {@code Range: bytes=N-} (206 appends, 416 is nothing new); only {@code done} is success.</li>
 * </ul>
 *
 * <h2>Failures</h2>
 * Every failure is a {@link io.binarybosh.operator.director.DirectorException}: unreachable, TLS, unauthorized,
 * a typed director error ({@code DirectorApiException} with HTTP status and BOSH code, and its subclasses for
 * not found, locked, resurrection paused, bad manifest), an unknown route, a body of the wrong shape, or a task
 * that failed or ran past its deadline. Messages name the director and the call, never a password, secret,
 * token or body; the client logs method, path and status at DEBUG only.
 *
 * <h2>Packages</h2>
 * {@code .client} the HTTP client and its factory; {@code .model} request options and response records; {@code .tasks} the task waiter and event parsing;
 * {@code .auth} basic and UAA authenticators; {@code .http} transport, TLS trust, retries, JSON and error mapping.
 */
package io.binarybosh.operator.director;
