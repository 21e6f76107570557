// The two small pages of one-click unsubscribe: a confirmation (GET changes nothing, so a link scanner that
// opens every link unsubscribes no one) and the answer to the POST.
const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
  `<title>${title}</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5}` +
  `button{font:inherit;padding:.5rem 1rem;cursor:pointer}</style></head><body><main><h1>${title}</h1>${body}</main></body></html>`

const attribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')

export const confirmationPage = (token: string) =>
  page(
    'Stop these emails?',
    `<p>You will no longer get these Yardpass notification emails for this event. You can turn them back on in the app, under Settings.</p>` +
      `<form method="post" action="?token=${attribute(encodeURIComponent(token))}"><button type="submit">Unsubscribe</button></form>`,
  )

export const donePage = () =>
  page(
    'You are unsubscribed',
    '<p>You will no longer get these emails for this event. You can turn them back on in the app, under Settings.</p>',
  )
