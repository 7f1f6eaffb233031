// The login page: shows why the last attempt failed (the server sends failures to login-failed.html,
// which comes back here with ?failed), and remembers the list a link pointed at. A browser that opens
// `…/#list=7` while signed out lands here with the `#list=7` kept, but the sign-in itself goes back to
// the app without it; app.js reopens the list from what is kept here.
const RETURN_TO = 'livetasks.returnTo';

if (/^#list=\d+$/.test(location.hash)) {
  sessionStorage.setItem(RETURN_TO, location.hash);
}

if (new URLSearchParams(location.search).has('failed')) {
  document.querySelector('[data-testid="login-error"]').hidden = false;
  document.querySelector('[data-testid="login-user"]').setAttribute('aria-describedby', 'login-error');
}
