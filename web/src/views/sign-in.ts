// The screen for nobody signed in: one button to the province's sign-in page (Cognito's
// managed login in AWS, the local provider locally). Passwords are typed there, never here.
import { h, render } from '../lib/dom';

export function signInView(main: HTMLElement, { onSignIn, error }: { onSignIn: () => void; error?: string }) {
  const button = h('button', { type: 'button', class: 'primary', onclick: onSignIn }, 'Masuk');
  render(
    main,
    h(
      'section',
      { class: 'card signin', 'aria-labelledby': 'signin-title' },
      h('h1', { id: 'signin-title' }, 'Masuk'),
      h('p', {}, 'Masuk dengan akun Pascarehab Anda: alamat e-mail dan kata sandi dari admin provinsi.'),
      error ? h('p', { class: 'form-error', role: 'alert' }, error) : null,
      button,
    ),
  );
  button.focus();
}
