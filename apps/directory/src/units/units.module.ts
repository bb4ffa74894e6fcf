import { Module } from '@nestjs/common';
import { UnitsHandlers } from './units.handlers.js';
import { UnitsRepository } from './units.repository.js';
import { UnitsService } from './units.service.js';

/** Units, committees and bodies. */
@Module({
  providers: [UnitsRepository, UnitsService, UnitsHandlers],
  exports: [UnitsService],
})
export class UnitsModule {}

export { UnitsService };
