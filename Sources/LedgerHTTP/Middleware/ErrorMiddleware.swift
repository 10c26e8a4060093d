import Hummingbird
import Logging

/// Turns every failure into a SPEC 8.3 error answer, at the boundary only: routes throw
/// `APIError`; Hummingbird's own errors (no route, a bad parameter) are mapped here; anything
/// else is logged and answered as 503 without its details.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = LedgerRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return error.response
        } catch let error as HTTPError {
            switch error.status {
            case .notFound: return APIError.notFound.response
            case .methodNotAllowed: return APIError.methodNotAllowed.response
            case .contentTooLarge: return APIError.tooLarge("the body is larger than the server takes").response
            case .requestTimeout: return APIError.timeout.response
            case .unauthorized: return APIError.unauthenticated.response
            default: return APIError.badRequest("the request is malformed").response
            }
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            return APIError.unavailable("the request could not be completed; nothing was written").response
        }
    }
}
