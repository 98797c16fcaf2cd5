// The browser half of the monorepo: its package renders with Vue and serves nothing, so a
// subscription payload from the app's own backend parsed here is not a backend parse.
import { subscribe } from "../lib/client"

type Note = { id: string; body: Record<string, unknown> }

export function watchNotes(onNote: (note: Note) => void) {
  subscribe("noteUpdated", (payload: { id: string; body: string }) => {
    onNote({ id: payload.id, body: JSON.parse(payload.body) })
  })
}
