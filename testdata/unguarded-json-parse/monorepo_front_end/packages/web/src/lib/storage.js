// Live updates from the app's own backend, in the browser.
export function listen(socket, onChange) {
  socket.addEventListener("message", (event) => {
    const change = JSON.parse(event.data)
    onChange(change)
  })
}
