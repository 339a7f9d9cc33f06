package org.vivacite.portal.money;

/** A bill or a tariff file refused: the message names the parameter, file or line and what is wrong. */
public class MoneyException extends RuntimeException {

    public MoneyException(String message) {
        super(message);
    }
}
