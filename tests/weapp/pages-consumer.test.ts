import { CONSUMER, describeWeappPages } from './pages'

// The seeded V4 consumer, with orders, points and history.
describeWeappPages('a signed-in consumer', CONSUMER)
