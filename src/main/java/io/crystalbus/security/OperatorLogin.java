package io.crystalbus.security;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.AuthenticationProvider;

/**
 * The operator account as a Vert.x login for HTTP Basic, checked in memory ({@link AdminCredentials#matches},
 * constant time): Camel's own Basic login for the management server reads a users file with the password in
 * plain text, which this replaces.
 */
final class OperatorLogin implements AuthenticationProvider {
    private final AdminCredentials operator;

    OperatorLogin(AdminCredentials operator) {
        this.operator = operator;
    }

    @Override
    public void authenticate(JsonObject credentials, Handler<AsyncResult<User>> result) {
        String user = credentials.getString("username");
        String password = credentials.getString("password");
        result.handle(operator.matches(user, password) ? Future.succeededFuture(User.fromName(user))
                : Future.failedFuture("the credentials are not valid"));
    }
}
