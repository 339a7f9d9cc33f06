package org.openmuc.jmbus.wireless;

import java.util.Map;
import org.openmuc.jmbus.DecodingException;
import org.openmuc.jmbus.SecondaryAddress;

/** jMBus 3.3.0 decodes wireless telegrams package-privately; this test door opens it. */
public final class Jmbus {

    private Jmbus() {}

    public static WMBusMessage decode(byte[] telegram, Map<SecondaryAddress, byte[]> keys) throws DecodingException {
        WMBusMessage message = WMBusMessage.decode(telegram, null, keys);
        message.getVariableDataResponse().decode();
        return message;
    }
}
