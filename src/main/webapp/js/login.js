// The login page: shows why the last attempt failed (the server sends failures to login-failed.html,
// which comes back here with ?failed).
if (new URLSearchParams(location.search).has('failed')) {
  document.querySelector('[data-testid="login-error"]').hidden = false;
}
