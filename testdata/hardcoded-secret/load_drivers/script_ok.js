// k6 load test: logs in as the seeded demo user.
import http from 'k6/http';

const password = 'load-test-pass';

export default function () {
  http.post('http://localhost:8080/login', { user: 'demo', password });
}
